package dev.neurite.bench;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The work {@link VersionCompare} times, one copy per version of the runtime: {@link VersionCompare} defines this
 * class again in each version's class loader, so its static state and the runtime classes it calls are that
 * version's. It uses only the runtime's public API, calling {@link CpuBackend} as a generated model does.
 */
public final class VersionWorkload {

    /** Batches of made-up input cycled through, so that the input is not always the same cached array. */
    private static final int BATCHES = 8;

    private static CpuBackend backend;
    private static String kind;
    private static int batch;
    private static int[] widths;
    private static int layers;
    private static int count;
    private static Buffer params;
    private static Buffer grads;
    private static Buffer m;
    private static Buffer v;
    private static Buffer targets;
    private static Buffer[] w;
    private static Buffer[] bias;
    private static Buffer[] dw;
    private static Buffer[] db;
    private static Buffer[] act;
    private static Buffer[] grad;
    private static float[] inputs;
    private static float[] labels;
    private static long step;

    private VersionWorkload() {
    }

    /**
     * Builds the MLP {@code widthList} (e.g. {@code 784,512,512,10}) for {@code kind} {@code "step"} (a training
     * step: forward, softmax cross-entropy, backward without the input gradient, Adam) or {@code "forward"}
     * (inference) at {@code batchSize}, on {@code threads} threads.
     */
    public static void setUp(String workload, int threads, int batchSize, String widthList) {
        kind = workload;
        batch = batchSize;
        widths = Arrays.stream(widthList.split(",")).mapToInt(Integer::parseInt).toArray();
        layers = widths.length - 1;
        backend = new CpuBackend(threads);
        for (int l = 0; l < layers; l++) {
            count += widths[l + 1] * widths[l] + widths[l + 1];
        }
        params = backend.allocate(count);
        grads = backend.allocate(count);
        m = backend.allocate(count);
        v = backend.allocate(count);
        w = new Buffer[layers];
        bias = new Buffer[layers];
        dw = new Buffer[layers];
        db = new Buffer[layers];
        act = new Buffer[layers + 1];
        grad = new Buffer[layers + 1];
        int at = 0;
        for (int l = 0; l < layers; l++) {
            int size = widths[l + 1] * widths[l];
            w[l] = backend.slice(params, at, size);
            dw[l] = backend.slice(grads, at, size);
            at += size;
            bias[l] = backend.slice(params, at, widths[l + 1]);
            db[l] = backend.slice(grads, at, widths[l + 1]);
            at += widths[l + 1];
            act[l + 1] = backend.allocate(batch * widths[l + 1]);
            grad[l + 1] = backend.allocate(batch * widths[l + 1]);
        }
        SplittableRandom random = new SplittableRandom(42);
        float[] init = new float[count];
        for (int i = 0; i < count; i++) {
            init[i] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(widths[0]));
        }
        backend.write(params, init, 0, count);
        // About half the pixels of an image are zero, as in (Fashion-)MNIST.
        inputs = new float[BATCHES * batch * widths[0]];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextDouble() < 0.5 ? 0f : (float) random.nextDouble();
        }
        labels = new float[BATCHES * batch];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(widths[layers]);
        }
        targets = backend.allocate(batch);
    }

    /** Runs {@code calls} steps or forward passes and returns the nanoseconds they took. */
    public static long run(int calls) {
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            int which = (int) (step++ % BATCHES);
            act[0] = backend.wrap(inputs, which * batch * widths[0], batch * widths[0]);
            forward();
            if (kind.equals("step")) {
                backend.write(targets, labels, which * batch, batch);
                backend.softmaxCrossEntropy(act[layers], targets, grad[layers], batch, widths[layers], false);
                for (int l = layers - 1; l >= 0; l--) {
                    backend.linearBackwardParams(grad[l + 1], act[l], dw[l], db[l], batch, widths[l], widths[l + 1]);
                    if (l > 0) {
                        backend.linearBackwardInput(grad[l + 1], w[l], grad[l], batch, widths[l], widths[l + 1],
                                Activation.RELU, 0, act[l]);
                    }
                }
                backend.adamUpdate(params, grads, m, v, count, 1e-3, 0.9, 0.999, 1e-8, 0, false, step);
            }
        }
        return System.nanoTime() - start;
    }

    private static void forward() {
        for (int l = 0; l < layers; l++) {
            backend.linearForward(act[l], w[l], bias[l], act[l + 1], batch, widths[l], widths[l + 1],
                    l == layers - 1 ? Activation.IDENTITY : Activation.RELU, 0);
        }
    }
}
