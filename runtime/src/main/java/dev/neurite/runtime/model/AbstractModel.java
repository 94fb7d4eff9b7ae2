package dev.neurite.runtime.model;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.init.InitSpec;
import dev.neurite.runtime.init.Initializers;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.Optimizer;

import java.util.SplittableRandom;

/**
 * What every generated model shares: moving batches between the host and the backend, the training step as
 * forward, loss, backward, update, and turning logits into probabilities and classes. A generated class adds
 * only what is specific to its network: its parameters and activation buffers, {@link #forward},
 * {@link #loss} and {@link #backward}.
 *
 * <p>All buffers are planned in the constructor for {@link #maxBatch()} samples; a training step allocates
 * nothing.
 */
public abstract class AbstractModel implements Model {

    protected final Backend backend;
    protected final int maxBatch;
    protected final long seed;
    private final ModelInfo info;

    /** Every parameter of the model, one flat buffer; each tensor is a view into it. */
    protected final Buffer parameters;
    /** Gradients, laid out exactly like {@link #parameters}. */
    protected final Buffer gradients;
    /**
     * The batch's inputs, {@code [batch, inputSize]}: the caller's array itself where the backend can read it in
     * place ({@link Backend#wrap}), else {@link #inputCopy}. Layers only read it.
     */
    protected Buffer input;
    /** Where the input is copied for a backend that cannot read host arrays, {@code [maxBatch, inputSize]}. */
    private final Buffer inputCopy;
    /** The host range {@link #input} wraps, so that the same array, offset and batch reuse the same view. */
    private float[] wrappedArray;
    private int wrappedOffset;
    private int wrappedLength;
    /** The batch's targets, {@code [maxBatch, targetSize]}. */
    protected final Buffer targets;

    private final Optimizer optimizer;

    protected AbstractModel(ModelInfo info, Backend backend, int maxBatch, long seed) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.info = info;
        this.backend = backend;
        this.maxBatch = maxBatch;
        this.seed = seed;
        this.parameters = backend.allocate(info.parameterCount());
        this.gradients = backend.allocate(info.parameterCount());
        this.inputCopy = backend.allocate(maxBatch * info.inputSize());
        this.input = inputCopy;
        this.targets = backend.allocate(maxBatch * info.targetSize());
        this.optimizer = Optimizer.create(info.optimizer(), backend, info.parameterCount());
    }

    /** Runs the layers on the first {@code batch} rows of {@link #input}; {@code training} enables dropout. */
    protected abstract void forward(int batch, boolean training);

    /**
     * The loss of the last forward pass against {@link #targets}; with {@code withGradient} it also writes the
     * gradient with respect to the output, where {@link #backward} starts.
     */
    protected abstract double loss(int batch, boolean withGradient);

    /** Back-propagates the loss gradient through every layer into {@link #gradients}. */
    protected abstract void backward(int batch);

    /** The buffer holding the last forward pass's outputs, {@code [batch, outputSize]}. */
    protected abstract Buffer output();

    /** The seed of a dropout layer's mask for the current step, so masks differ per step and per layer. */
    protected final long dropoutSeed(int layer) {
        long mixed = seed * 0x9E3779B97F4A7C15L + optimizer.steps();
        return mixed * 0xBF58476D1CE4E5B9L + layer;
    }

    /**
     * Fills a dense layer's weight {@code [out, in]} and bias {@code [out]} (null when the layer has none) as
     * {@code init} says, drawing from {@code random}.
     */
    protected final void initializeDense(Buffer weight, Buffer bias, int out, int in, InitSpec init,
                                         SplittableRandom random) {
        double[] weights = new double[out * in];
        double[] biases = new double[out];
        Initializers.initializeDense(init, weights, bias == null ? null : biases, out, in, random);
        backend.writeDoubles(weight, weights, 0, weights.length);
        if (bias != null) {
            backend.writeDoubles(bias, biases, 0, biases.length);
        }
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    @Override
    public final int maxBatch() {
        return maxBatch;
    }

    @Override
    public final Buffer parameters() {
        return parameters;
    }

    @Override
    public final Buffer gradients() {
        return gradients;
    }

    @Override
    public final Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public final void forward(float[] input, int inputOffset, int batch, float[] logits) {
        load(input, inputOffset, null, batch);
        forward(batch, false);
        backend.read(output(), logits, 0, batch * info.outputSize());
    }

    @Override
    public final double trainStep(float[] input, float[] targets, int batch) {
        double loss = lossAndGradients(input, targets, batch);
        optimizer.step(parameters, gradients);
        return loss;
    }

    /**
     * Forward in training mode, loss and backward, leaving the gradients in {@link #gradients()} without updating
     * any parameter: a training step without its optimizer update, for gradient checks.
     */
    public final double lossAndGradients(float[] input, float[] targets, int batch) {
        load(input, targets, batch);
        forward(batch, true);
        double loss = loss(batch, true);
        backward(batch);
        return loss;
    }

    /** The training-mode loss (same dropout masks as {@link #lossAndGradients}) with no backward pass. */
    public final double trainingLoss(float[] input, float[] targets, int batch) {
        load(input, targets, batch);
        forward(batch, true);
        return loss(batch, false);
    }

    @Override
    public final double evaluate(float[] input, float[] targets, int batch, float[] logits) {
        load(input, targets, batch);
        forward(batch, false);
        double loss = loss(batch, false);
        if (logits != null) {
            backend.read(output(), logits, 0, batch * info.outputSize());
        }
        return loss;
    }

    /**
     * Class probabilities for each sample: softmax of the logits for cross-entropy models, the sigmoid for
     * binary cross-entropy, the outputs themselves for regression.
     */
    public final float[] predictProbabilities(float[] input, int batch) {
        int outputs = info.outputSize();
        float[] values = new float[batch * outputs];
        forward(input, batch, values);
        if (info.loss() == LossKind.CROSS_ENTROPY) {
            for (int row = 0; row < batch; row++) {
                softmaxInPlace(values, row * outputs, outputs);
            }
        } else if (info.loss() == LossKind.BINARY_CROSS_ENTROPY) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (1 / (1 + Math.exp(-values[i])));
            }
        }
        return values;
    }

    /** The predicted class of each sample: argmax of the outputs, or {@code logit > 0} for a single output. */
    public final int[] predict(float[] input, int batch) {
        int outputs = info.outputSize();
        float[] values = new float[batch * outputs];
        forward(input, batch, values);
        int[] classes = new int[batch];
        for (int row = 0; row < batch; row++) {
            classes[row] = Predictions.predictedClass(values, row * outputs, outputs, info.loss());
        }
        return classes;
    }

    @Override
    public void close() {
        // Buffers belong to the backend, which the caller owns and closes.
    }

    private void load(float[] hostInput, float[] hostTargets, int batch) {
        load(hostInput, 0, hostTargets, batch);
    }

    private void load(float[] hostInput, int inputOffset, float[] hostTargets, int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException(
                    "batch of " + batch + " samples, but " + info.name() + " was planned for 1.." + maxBatch);
        }
        int length = batch * info.inputSize();
        if (hostInput != wrappedArray || inputOffset != wrappedOffset || length != wrappedLength) {
            // A new range: wrap it in place if the backend can (the data loader passes the same array every step,
            // so training wraps once per batch size), else copy it.
            Buffer view = backend.wrap(hostInput, inputOffset, length);
            input = view != null ? view : inputCopy;
            wrappedArray = view != null ? hostInput : null;
            wrappedOffset = inputOffset;
            wrappedLength = length;
        }
        if (input == inputCopy) {
            backend.write(inputCopy, hostInput, inputOffset, length);
        }
        if (hostTargets != null) {
            backend.write(targets, hostTargets, 0, batch * info.targetSize());
        }
    }

    private static void softmaxInPlace(float[] values, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            max = Math.max(max, values[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.exp(values[offset + i] - max);
        }
        for (int i = 0; i < length; i++) {
            values[offset + i] = (float) (Math.exp(values[offset + i] - max) / sum);
        }
    }
}
