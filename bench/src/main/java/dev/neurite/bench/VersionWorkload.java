package dev.neurite.bench;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.cpu.CpuBackend;

import java.util.Arrays;

/**
 * The work {@link VersionCompare} times, one copy per version of the runtime: {@link VersionCompare} defines this
 * package's classes again in each version's class loader, so this class's static state and the runtime classes
 * it calls are that version's. It uses only the runtime's public API, calling {@link CpuBackend} as a generated
 * model does, on the buffers of {@link MlpBuffers}.
 */
public final class VersionWorkload {

    private static String kind;
    private static MlpBuffers mlp;

    private VersionWorkload() {
    }

    /**
     * Builds the MLP {@code widthList} (e.g. {@code 784,512,512,10}) for {@code workload} {@code "step"} (a
     * training step: forward, softmax cross-entropy, backward without the input gradient, Adam) or
     * {@code "forward"} (inference) at {@code batch}, on {@code threads} threads.
     */
    public static void setUp(String workload, int threads, int batch, String widthList) {
        kind = workload;
        int[] widths = Arrays.stream(widthList.split(",")).mapToInt(Integer::parseInt).toArray();
        mlp = new MlpBuffers(new CpuBackend(threads), widths, batch);
    }

    /** Runs {@code calls} steps or forward passes and returns the nanoseconds they took. */
    public static long run(int calls) {
        MlpBuffers s = mlp;
        int batch = s.batch;
        int layers = s.weights.length;
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            int which = (int) (s.steps % MlpBuffers.BATCHES);
            s.activations[0] = s.inputViews[which];
            for (int l = 0; l < layers; l++) {
                s.backend.linearForward(s.activations[l], s.weights[l], s.biases[l], s.activations[l + 1], batch,
                        s.widths[l], s.widths[l + 1], l == layers - 1 ? Activation.IDENTITY : Activation.RELU, 0);
            }
            s.steps++;
            if (kind.equals("step")) {
                s.backend.write(s.targets, s.hostTargets, which * batch, batch);
                s.backend.softmaxCrossEntropy(s.activations[layers], s.targets, s.gradients[layers], batch,
                        s.widths[layers], false);
                for (int l = layers - 1; l >= 0; l--) {
                    s.backend.linearBackwardParams(s.gradients[l + 1], s.activations[l], s.weightGradients[l],
                            s.biasGradients[l], batch, s.widths[l], s.widths[l + 1]);
                    if (l > 0) {
                        s.backend.linearBackwardInput(s.gradients[l + 1], s.weights[l], s.gradients[l], batch,
                                s.widths[l], s.widths[l + 1], Activation.RELU, 0, s.activations[l]);
                    }
                }
                s.backend.adamUpdate(s.params, s.grads, s.m, s.v, s.count, 1e-3, 0.9, 0.999, 1e-8, 0, false,
                        s.steps);
            }
        }
        return System.nanoTime() - start;
    }
}
