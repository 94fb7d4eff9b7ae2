package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;

/**
 * Runs the CPU kernels of a training step on small shapes on a background thread, so that the JIT compiles them
 * while the caller does other work (parsing, compiling the model, loading the data) instead of during the first
 * training steps. Until C2 has compiled a Vector API kernel, the kernel runs as Java code that allocates an
 * object per vector operation: the first ten steps of {@code fashion_mnist.nn} took ~90 ms each instead of
 * ~0.9 ms (bench/README.md). Compiled code is shared by every backend instance, so warming up a private one
 * helps the one that trains.
 *
 * <p>The step is a small MLP (72-48-266-10, ReLU, batches of 64, 61 and 29, Adam): every GEMM kernel (broadcast,
 * dot product, packed), split between threads and not, and the element kernels of a dense network. It stops
 * after a fixed number of steps or when it is closed, whichever comes first. {@code neurite train} starts it
 * before it generates the model class (and, unless that is in the class cache, compiles it with javac) and
 * closes it before the first training step.
 */
public final class KernelWarmUp implements AutoCloseable {

    // Sizes chosen so that every kernel runs and both sides of their branches are taken (C2 compiles a branch it
    // never saw taken as a trap that discards the compiled code when it is, and a kernel that never ran here runs
    // interpreted, allocating per vector operation, in the first training steps): widths that are and are not
    // multiples of a vector or a tile, more than one k block (HIDDEN2 > BlockedSgemm.KC_MAX), and HIDDEN2 two
    // columns more than whole tiles of the broadcast kernel (both its widths), so its one-column edge runs too.
    private static final int BATCH = 64;
    private static final int IN = 72;
    private static final int HIDDEN1 = 48;
    private static final int HIDDEN2 = 266;
    private static final int CLASSES = 10;
    /**
     * The batch of each step in turn: a whole number of tiles; not (like an epoch's last batch); and at most one
     * 32-row sliver of the broadcast kernel, which then runs its narrow tile instead of the wide one, as it does
     * on each thread's half of a batch of 64 when two threads split the rows (mnist_mlp's first layer).
     */
    private static final int[] BATCHES = {BATCH, BATCH - 3, BATCH / 2 - 3};
    /** Its own steps reach steady speed after ~250 (~0.6 s on 2 cores at 2026-11-22); twice that for margin. */
    private static final int STEPS = 500;
    /**
     * Steps per backend: a new backend grows its scratch arrays again, so that the growing branch is taken while
     * the JIT profiles; otherwise C2 compiles it as a trap, and the training backend's first step (which grows
     * its own arrays) would throw the compiled kernels away.
     */
    private static final int STEPS_PER_BACKEND = 100;

    private final int steps;
    private final int threads;
    private final Runnable alsoEachStep;
    private final Thread thread;
    private volatile boolean stop;

    KernelWarmUp(int steps, int threads, Runnable alsoEachStep) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.steps = steps;
        this.threads = threads;
        this.alsoEachStep = alsoEachStep;
        this.thread = new Thread(this::runQuietly, "neurite-warm-up");
        this.thread.setDaemon(true);
    }

    /**
     * Starts warming up on a daemon thread for a training on {@code threads} threads; each step also runs
     * {@code alsoEachStep}, other hot code of the training that should be compiled by then (the CLI passes the
     * data loader's pixel decoding).
     */
    public static KernelWarmUp start(int threads, Runnable alsoEachStep) {
        KernelWarmUp warmUp = new KernelWarmUp(STEPS, threads, alsoEachStep);
        warmUp.thread.start();
        return warmUp;
    }

    /**
     * Stops the warm-up at its next step and waits for it, so that it never competes with the work it prepared
     * for. Closing again does nothing.
     */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Best effort: a kernel that fails here fails again in the training that follows, which reports it. */
    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException | Error e) {
            // nothing to do: see above
        }
    }

    /**
     * Runs the steps on the calling thread and returns the loss of each. Backends alternate between the
     * training's thread count and one thread, starting with the training's: the paths that split work between
     * threads must run before C2 compiles them, else it compiles them as traps and the first training steps throw
     * away every compiled method that inlined them. With one thread only, mnist_mlp's first epoch took 0.21-0.41 s
     * (median 0.28), with this 0.21-0.26 s (0.23), the second 0.12-0.13 s (bench/README.md).
     */
    double[] run() {
        double[] losses = new double[steps];
        for (int first = 0; first < steps && !stop; first += STEPS_PER_BACKEND) {
            int last = Math.min(steps, first + STEPS_PER_BACKEND);
            boolean split = first / STEPS_PER_BACKEND % 2 == 0;
            try (CpuBackend b = new CpuBackend(split ? threads : 1)) {
                Layer dense1 = new Layer(b, null, IN, HIDDEN1);
                Layer dense2 = new Layer(b, dense1.output, HIDDEN1, HIDDEN2);
                Layer dense3 = new Layer(b, dense2.output, HIDDEN2, CLASSES);
                Layer[] layers = {dense1, dense2, dense3};
                Buffer x = dense1.input;
                Buffer h1 = dense1.output;
                Buffer h2 = dense2.output;
                Buffer targets = b.allocate(BATCH);
                float[] classes = new float[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    classes[i] = i % CLASSES;
                }
                b.write(targets, classes, 0, BATCH);
                for (int step = first + 1; step <= last && !stop; step++) {
                    int batch = BATCHES[step % BATCHES.length];
                    b.linearForward(x, dense1.weight, dense1.bias, h1, batch, IN, HIDDEN1, Activation.RELU, 0);
                    b.linearForward(h1, dense2.weight, dense2.bias, h2, batch, HIDDEN1, HIDDEN2, Activation.RELU,
                            0);
                    b.linearForward(h2, dense3.weight, dense3.bias, dense3.output, batch, HIDDEN2, CLASSES,
                            Activation.IDENTITY, 0);
                    // The loss alone, as validation computes it, then with its gradient, as training does.
                    b.softmaxCrossEntropy(dense3.output, targets, null, batch, CLASSES, false);
                    losses[step - 1] = b.softmaxCrossEntropy(dense3.output, targets, dense3.outputGradient, batch,
                            CLASSES, false);
                    dense3.backward(b, dense2.outputGradient, batch);
                    dense2.backward(b, dense1.outputGradient, batch);
                    dense1.backward(b, null, batch);
                    alsoEachStep.run();
                    for (Layer layer : layers) {
                        b.adamUpdate(layer.params, layer.grads, layer.m, layer.v, layer.size, 1e-3, 0.9, 0.999,
                                1e-8, 0, false, step - first);
                    }
                }
            }
        }
        return losses;
    }

    /** The buffers of one dense layer: parameters, gradients, Adam's moments, input, output and its gradient. */
    private static final class Layer {
        final int in;
        final int out;
        final int size;
        final Buffer params;
        final Buffer grads;
        final Buffer m;
        final Buffer v;
        final Buffer weight;
        final Buffer bias;
        final Buffer weightGradient;
        final Buffer biasGradient;
        final Buffer input;
        final Buffer output;
        final Buffer outputGradient;

        /** A layer reading {@code input}, or a new input filled with test values when it is null. */
        Layer(CpuBackend b, Buffer input, int in, int out) {
            this.in = in;
            this.out = out;
            this.size = out * in + out;
            params = b.allocate(size);
            grads = b.allocate(size);
            m = b.allocate(size);
            v = b.allocate(size);
            weight = b.slice(params, 0, out * in);
            bias = b.slice(params, out * in, out);
            weightGradient = b.slice(grads, 0, out * in);
            biasGradient = b.slice(grads, out * in, out);
            this.input = input != null ? input : b.allocate(BATCH * in);
            output = b.allocate(BATCH * out);
            outputGradient = b.allocate(BATCH * out);
            float[] values = new float[Math.max(size, BATCH * in)];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((i * 7919) % 201 - 100) / 1000f;
            }
            b.write(params, values, 0, size);
            if (input == null) {
                b.write(this.input, values, 0, BATCH * in);
            }
        }

        /**
         * Parameter gradients, and unless {@code inputGradient} is null the gradient through the ReLU that produced
         * the input, as a generated model computes them.
         */
        void backward(CpuBackend b, Buffer inputGradient, int batch) {
            b.linearBackwardParams(outputGradient, input, weightGradient, biasGradient, batch, in, out);
            if (inputGradient != null) {
                b.linearBackwardInput(outputGradient, weight, inputGradient, batch, in, out, Activation.RELU, 0,
                        input);
            }
        }
    }
}
