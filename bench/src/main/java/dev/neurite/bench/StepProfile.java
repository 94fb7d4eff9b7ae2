package dev.neurite.bench;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.cpu.KernelWarmUp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times every kernel of one training step of an MLP (dense layers with ReLU between them, softmax cross-entropy,
 * batch 64, Adam) on the CPU backend, in the order a generated model calls them, and prints each one's share of
 * the step. A profile, not a benchmark: it answers "where do the milliseconds of a step go". The default widths
 * are FashionMlp's (784-512-512-10); {@code 784,128,64,10} is mnist_mlp.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.neurite.bench.StepProfile \
 *     [threads] [steps] [warm-up ms] [widths]
 * </pre>
 *
 * <p>With a warm-up time, {@link KernelWarmUp} runs that long first, as {@code neurite train} does while it
 * compiles the model and loads the data. The first half of the steps are timed in growing buckets (the JIT
 * compiles the kernels during them), the second half kernel by kernel.
 */
public final class StepProfile {

    private static final int BATCH = 64;
    private static final int BATCHES = MlpBuffers.BATCHES;

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long warmUpMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
        int[] widths = args.length > 3
                ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {784, 512, 512, 10};
        if (warmUpMillis > 0) {
            try (KernelWarmUp warmUp = KernelWarmUp.start(threads, () -> { })) {
                Thread.sleep(warmUpMillis);
            }
        }
        try (Backend backend = new CpuBackend(threads)) {
            StepProfile profile = new StepProfile();
            MlpBuffers mlp = new MlpBuffers(backend, widths, BATCH);
            // Also lets Adam's state reach realistic magnitudes.
            System.out.println("warm-up (JIT), mean ms per step:");
            for (int from = 0, size = 10; from < steps / 2; from += size, size *= 2) {
                int count = Math.min(size, steps / 2 - from);
                long start = System.nanoTime();
                profile.run(mlp, count);
                System.out.printf("  steps %5d-%-5d %8.3f ms%n", from + 1, from + count,
                        (System.nanoTime() - start) / 1e6 / count);
            }
            profile.nanos.clear();
            long start = System.nanoTime();
            profile.run(mlp, steps);
            double total = (System.nanoTime() - start) / 1e6 / steps;
            System.out.printf("%s, MLP %s, %d steps: %.3f ms per step, %.0f samples/s%n", backend.name(),
                    args.length > 3 ? args[3] : "784,512,512,10", steps, total, BATCH / total * 1000);
            profile.nanos.forEach((name, ns) -> System.out.printf("  %-28s %8.3f ms  %5.1f%%%n", name,
                    ns / 1e6 / steps, 100.0 * ns / 1e6 / steps / total));
        }
    }

    private void run(MlpBuffers s, int steps) {
        Backend b = s.backend;
        int layers = s.weights.length;
        int in = s.widths[0];
        int classes = s.widths[layers];
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            // As a generated model loads a batch: read in place where the backend can (Backend.wrap), else copied.
            Buffer view = s.inputViews[i % BATCHES];
            if (view != null) {
                s.activations[0] = view;
            } else {
                b.write(s.activations[0], s.hostInput, (i % BATCHES) * BATCH * in, BATCH * in);
            }
            b.write(s.targets, s.hostTargets, (i % BATCHES) * BATCH, BATCH);
            t = lap("load batch", t);
            for (int l = 0; l < layers; l++) {
                boolean last = l == layers - 1;
                b.linearForward(s.activations[l], s.weights[l], s.biases[l], s.activations[l + 1], BATCH,
                        s.widths[l], s.widths[l + 1], last ? Activation.IDENTITY : Activation.RELU, 0);
                t = lap("fwd dense" + (l + 1) + " " + s.widths[l] + "x" + s.widths[l + 1] + (last ? "" : " relu"), t);
            }
            b.softmaxCrossEntropy(s.activations[layers], s.targets, s.gradients[layers], BATCH, classes, false);
            t = lap("softmax cross-entropy", t);
            for (int l = layers - 1; l >= 0; l--) {
                b.linearBackwardParams(s.gradients[l + 1], s.activations[l], s.weightGradients[l],
                        s.biasGradients[l], BATCH, s.widths[l], s.widths[l + 1]);
                t = lap("bwd dense" + (l + 1) + " params", t);
                if (l > 0) {
                    // The gradient through the ReLU before the layer, fused as a generated model computes it.
                    b.linearBackwardInput(s.gradients[l + 1], s.weights[l], s.gradients[l], BATCH, s.widths[l],
                            s.widths[l + 1], Activation.RELU, 0, s.activations[l]);
                    t = lap("bwd dense" + (l + 1) + " input + relu" + l, t);
                }
            }
            s.steps++;
            b.adamUpdate(s.params, s.grads, s.m, s.v, s.count, 1e-3, 0.9, 0.999, 1e-8, 0, false, s.steps);
            lap("adam update", t);
        }
    }

    private long lap(String name, long since) {
        long now = System.nanoTime();
        nanos.merge(name, now - since, Long::sum);
        return now;
    }
}
