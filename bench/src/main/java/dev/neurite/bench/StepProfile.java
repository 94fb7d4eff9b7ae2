package dev.neurite.bench;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.cpu.KernelWarmUp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times every kernel of one FashionMlp training step (784-512-512-10, batch 64, Adam) on the CPU backend, in the
 * order the generated model calls them, and prints each one's share of the step. A profile, not a benchmark:
 * it answers "where do the milliseconds of a step go".
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.neurite.bench.StepProfile [threads] [steps] [warm-up ms]
 * </pre>
 */
public final class StepProfile {

    private static final int BATCH = 64;
    private static final int IN = 784;
    private static final int HIDDEN = 512;
    private static final int OUT = 10;

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long warmUpMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
        if (warmUpMillis > 0) {
            // What `neurite train` does while it compiles the model and loads the data.
            KernelWarmUp warmUp = KernelWarmUp.start();
            try {
                Thread.sleep(warmUpMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            warmUp.close();
        }
        try (Backend backend = new CpuBackend(threads)) {
            StepProfile profile = new StepProfile();
            Step step = new Step(backend);
            // Warm-up, also lets Adam's state reach realistic magnitudes; timed in buckets of steps, because the
            // first steps run the kernels in the interpreter until the JIT has compiled them.
            System.out.println("warm-up (JIT), mean ms per step:");
            for (int from = 0, size = 10; from < steps / 2; from += size, size *= 2) {
                int count = Math.min(size, steps / 2 - from);
                long start = System.nanoTime();
                profile.run(step, count);
                System.out.printf("  steps %5d-%-5d %8.3f ms%n", from + 1, from + count,
                        (System.nanoTime() - start) / 1e6 / count);
            }
            profile.nanos.clear();
            long start = System.nanoTime();
            profile.run(step, steps);
            double total = (System.nanoTime() - start) / 1e6 / steps;
            System.out.printf("%s, %d steps: %.3f ms per step, %.0f samples/s%n", backend.name(), steps, total,
                    BATCH / total * 1000);
            profile.nanos.forEach((name, ns) -> System.out.printf("  %-28s %8.3f ms  %5.1f%%%n", name,
                    ns / 1e6 / steps, 100.0 * ns / 1e6 / steps / total));
        }
    }

    private void run(Step s, int steps) {
        Backend b = s.backend;
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            b.write(s.input, s.hostInput, (i % 8) * BATCH * IN, BATCH * IN);
            b.write(s.targets, s.hostTargets, (i % 8) * BATCH, BATCH);
            t = lap("load batch", t);
            b.linearForward(s.input, s.w1, s.b1, s.h1, BATCH, IN, HIDDEN, Activation.RELU, 0);
            t = lap("fwd dense1 784x512 relu", t);
            b.linearForward(s.h1, s.w2, s.b2, s.h2, BATCH, HIDDEN, HIDDEN, Activation.RELU, 0);
            t = lap("fwd dense2 512x512 relu", t);
            b.linearForward(s.h2, s.w3, s.b3, s.logits, BATCH, HIDDEN, OUT, Activation.IDENTITY, 0);
            t = lap("fwd dense3 512x10", t);
            b.softmaxCrossEntropy(s.logits, s.targets, s.dLogits, BATCH, OUT, false);
            t = lap("softmax cross-entropy", t);
            b.linearBackwardParams(s.dLogits, s.h2, s.dw3, s.db3, BATCH, HIDDEN, OUT);
            t = lap("bwd dense3 params", t);
            b.linearBackwardInput(s.dLogits, s.w3, s.dh2, BATCH, HIDDEN, OUT);
            t = lap("bwd dense3 input", t);
            b.activationBackward(Activation.RELU, 0, s.h2, s.h2, s.dh2, s.dh2, BATCH * HIDDEN);
            t = lap("bwd relu2", t);
            b.linearBackwardParams(s.dh2, s.h1, s.dw2, s.db2, BATCH, HIDDEN, HIDDEN);
            t = lap("bwd dense2 params", t);
            b.linearBackwardInput(s.dh2, s.w2, s.dh1, BATCH, HIDDEN, HIDDEN);
            t = lap("bwd dense2 input", t);
            b.activationBackward(Activation.RELU, 0, s.h1, s.h1, s.dh1, s.dh1, BATCH * HIDDEN);
            t = lap("bwd relu1", t);
            b.linearBackwardParams(s.dh1, s.input, s.dw1, s.db1, BATCH, IN, HIDDEN);
            t = lap("bwd dense1 params", t);
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

    /** The buffers of a FashionMlp step, laid out as the generated class lays them out. */
    private static final class Step {
        final Backend backend;
        final int count = HIDDEN * IN + HIDDEN + HIDDEN * HIDDEN + HIDDEN + OUT * HIDDEN + OUT;
        final Buffer params;
        final Buffer grads;
        final Buffer m;
        final Buffer v;
        final Buffer w1, b1, w2, b2, w3, b3, dw1, db1, dw2, db2, dw3, db3;
        final Buffer input, targets, h1, h2, logits, dh1, dh2, dLogits;
        final float[] hostInput = new float[8 * BATCH * IN];
        final float[] hostTargets = new float[8 * BATCH];
        long steps;

        Step(Backend b) {
            backend = b;
            params = b.allocate(count);
            grads = b.allocate(count);
            m = b.allocate(count);
            v = b.allocate(count);
            int at = 0;
            w1 = b.slice(params, at, HIDDEN * IN);
            dw1 = b.slice(grads, at, HIDDEN * IN);
            at += HIDDEN * IN;
            b1 = b.slice(params, at, HIDDEN);
            db1 = b.slice(grads, at, HIDDEN);
            at += HIDDEN;
            w2 = b.slice(params, at, HIDDEN * HIDDEN);
            dw2 = b.slice(grads, at, HIDDEN * HIDDEN);
            at += HIDDEN * HIDDEN;
            b2 = b.slice(params, at, HIDDEN);
            db2 = b.slice(grads, at, HIDDEN);
            at += HIDDEN;
            w3 = b.slice(params, at, OUT * HIDDEN);
            dw3 = b.slice(grads, at, OUT * HIDDEN);
            at += OUT * HIDDEN;
            b3 = b.slice(params, at, OUT);
            db3 = b.slice(grads, at, OUT);
            input = b.allocate(BATCH * IN);
            targets = b.allocate(BATCH);
            h1 = b.allocate(BATCH * HIDDEN);
            h2 = b.allocate(BATCH * HIDDEN);
            logits = b.allocate(BATCH * OUT);
            dh1 = b.allocate(BATCH * HIDDEN);
            dh2 = b.allocate(BATCH * HIDDEN);
            dLogits = b.allocate(BATCH * OUT);
            SplittableRandom random = new SplittableRandom(42);
            float[] init = new float[count];
            for (int i = 0; i < count; i++) {
                init[i] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(IN));
            }
            b.write(params, init, 0, count);
            for (int i = 0; i < hostInput.length; i++) {
                hostInput[i] = random.nextDouble() < 0.5 ? 0f : (float) random.nextDouble();
            }
            for (int i = 0; i < hostTargets.length; i++) {
                hostTargets[i] = random.nextInt(OUT);
            }
        }
    }
}
