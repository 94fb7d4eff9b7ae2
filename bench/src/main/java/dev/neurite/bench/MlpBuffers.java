package dev.neurite.bench;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

import java.util.SplittableRandom;

/**
 * The buffers of an MLP's training step (dense layers, softmax cross-entropy, Adam), laid out as a generated
 * class lays them out, with made-up data: parameters drawn from a seeded generator, {@value #BATCHES} batches of
 * input of which about half the pixels are zero, as in (Fashion-)MNIST, and class targets.
 */
public final class MlpBuffers {

    /** Batches of made-up input cycled through, so that the input is not always the same cached array. */
    public static final int BATCHES = 8;

    final Backend backend;
    final int batch;
    final int[] widths;
    final int count;
    final Buffer params;
    final Buffer grads;
    final Buffer m;
    final Buffer v;
    final Buffer[] weights;
    final Buffer[] biases;
    final Buffer[] weightGradients;
    final Buffer[] biasGradients;
    /** {@code activations[0]} is the input, {@code activations[l + 1]} the output of layer {@code l}. */
    final Buffer[] activations;
    /** {@code gradients[l]} is the gradient of {@code activations[l]} (none for the input). */
    final Buffer[] gradients;
    final Buffer targets;
    final float[] hostInput;
    /** Each batch of {@link #hostInput} wrapped in place, or nulls when the backend copies. */
    final Buffer[] inputViews = new Buffer[BATCHES];
    final float[] hostTargets;
    long steps;

    /** Allocates the buffers on {@code b} for batches of {@code batch} samples of the MLP {@code widths}. */
    MlpBuffers(Backend b, int[] widths, int batch) {
        this.backend = b;
        this.widths = widths;
        this.batch = batch;
        int layers = widths.length - 1;
        int total = 0;
        for (int l = 0; l < layers; l++) {
            total += widths[l + 1] * widths[l] + widths[l + 1];
        }
        count = total;
        params = b.allocate(count);
        grads = b.allocate(count);
        m = b.allocate(count);
        v = b.allocate(count);
        weights = new Buffer[layers];
        biases = new Buffer[layers];
        weightGradients = new Buffer[layers];
        biasGradients = new Buffer[layers];
        activations = new Buffer[layers + 1];
        gradients = new Buffer[layers + 1];
        activations[0] = b.allocate(batch * widths[0]);
        int at = 0;
        for (int l = 0; l < layers; l++) {
            int size = widths[l + 1] * widths[l];
            weights[l] = b.slice(params, at, size);
            weightGradients[l] = b.slice(grads, at, size);
            at += size;
            biases[l] = b.slice(params, at, widths[l + 1]);
            biasGradients[l] = b.slice(grads, at, widths[l + 1]);
            at += widths[l + 1];
            activations[l + 1] = b.allocate(batch * widths[l + 1]);
            gradients[l + 1] = b.allocate(batch * widths[l + 1]);
        }
        targets = b.allocate(batch);
        SplittableRandom random = new SplittableRandom(42);
        float[] init = new float[count];
        for (int i = 0; i < count; i++) {
            init[i] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(widths[0]));
        }
        b.write(params, init, 0, count);
        hostInput = new float[BATCHES * batch * widths[0]];
        hostTargets = new float[BATCHES * batch];
        for (int i = 0; i < hostInput.length; i++) {
            hostInput[i] = random.nextDouble() < 0.5 ? 0f : (float) random.nextDouble();
        }
        for (int i = 0; i < hostTargets.length; i++) {
            hostTargets[i] = random.nextInt(widths[layers]);
        }
        for (int i = 0; i < BATCHES; i++) {
            inputViews[i] = b.wrap(hostInput, i * batch * widths[0], batch * widths[0]);
        }
    }
}
