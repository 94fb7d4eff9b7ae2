package dev.neurite.runtime.model;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.optim.Optimizer;

/**
 * A generated model: a fixed network with its parameters, gradients and optimizer, planned for batches of up to
 * {@link #maxBatch()} samples. Inputs and targets are host arrays, {@code batch * inputSize} and
 * {@code batch * targetSize} floats (class indices as numbers for cross-entropy).
 *
 * <p>Not thread-safe: one model trains on one thread at a time (the backend parallelises inside kernels).
 */
public interface Model extends AutoCloseable {

    ModelInfo info();

    Backend backend();

    int maxBatch();

    /** Inference (eval mode: no dropout): writes {@code batch * outputSize} logits into {@code logits}. */
    default void forward(float[] input, int batch, float[] logits) {
        forward(input, 0, batch, logits);
    }

    /**
     * Inference on the {@code batch} samples that start at {@code input[inputOffset]}, for example one batch of a
     * whole data set without copying it out first; writes {@code batch * outputSize} logits into {@code logits}.
     */
    void forward(float[] input, int inputOffset, int batch, float[] logits);

    /**
     * One training step: forward in train mode, loss, backward, optimizer update. Returns the batch's mean loss
     * (before the update).
     */
    double trainStep(float[] input, float[] targets, int batch);

    /** Eval-mode forward and loss without any update; writes the logits as {@link #forward} does. */
    double evaluate(float[] input, float[] targets, int batch, float[] logits);

    /** All parameters, one flat buffer tiled by {@link ModelInfo#parameters()}. */
    Buffer parameters();

    /** The gradients of the last training step, laid out like {@link #parameters()}. */
    Buffer gradients();

    /** The optimizer and its state (moments, step count), for checkpoints. */
    Optimizer optimizer();

    @Override
    void close();
}
