package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float CPU backend on the kernel sequence of a dense network's training step (the calls a generated model
 * makes), sized so that the split element-wise paths run: the same bits with one or two threads, close to the
 * double backend, and no heap allocation per step.
 */
class CpuBackendTest {

    private static final int BATCH = 160;
    private static final int IN = 300;
    private static final int HIDDEN = 420;
    private static final int OUT = 10;

    @Test
    void trainingGivesTheSameParametersBitForBitWithOneAndTwoThreads() {
        float[] one;
        float[] two;
        try (Backend backend = new CpuBackend(1)) {
            Mlp mlp = new Mlp(backend).train(4);
            one = mlp.read(mlp.params);
        }
        try (Backend backend = new CpuBackend(2)) {
            Mlp mlp = new Mlp(backend).train(4);
            two = mlp.read(mlp.params);
        }
        assertArrayEquals(one, two);
    }

    @Test
    void gradientsAndAdamStepMatchTheDoubleBackend() {
        try (Backend single = new CpuBackend(2); Backend reference = new DoubleCpuBackend()) {
            Mlp f = new Mlp(single);
            Mlp d = new Mlp(reference);
            f.lossAndGradients();
            d.lossAndGradients();
            float[] fg = f.read(f.grads);
            float[] dg = d.read(d.grads);
            double scale = 0;
            for (float x : dg) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < fg.length; i++) {
                assertEquals(dg[i], fg[i], 1e-5 * scale, "gradient " + i);
            }
            // The same gradients into both optimizers, so only the update's arithmetic is compared.
            single.write(f.grads, dg, 0, dg.length);
            for (int step = 1; step <= 3; step++) {
                f.adam(step);
                d.adam(step);
            }
            float[] fp = f.read(f.params);
            float[] dp = d.read(d.params);
            for (int i = 0; i < fp.length; i++) {
                assertEquals(dp[i], fp[i], 1e-6, "parameter " + i);
            }
        }
    }

    /**
     * Until C2 has compiled the Vector API code, vector operations are heap objects; so the step is repeated
     * until the JIT has settled (bounded), and then three consecutive steps must allocate nothing.
     */
    @Test
    void aTrainingStepAllocatesNothingOnceCompiled() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (Backend backend = new CpuBackend(2)) {
            Mlp mlp = new Mlp(backend);
            long deadline = System.nanoTime() + 20_000_000_000L;
            int clean = 0;
            long allocated = -1;
            while (clean < 3 && System.nanoTime() < deadline) {
                long before = bean.getThreadAllocatedBytes(thread);
                mlp.train(1);
                allocated = bean.getThreadAllocatedBytes(thread) - before;
                clean = allocated == 0 ? clean + 1 : 0;
            }
            assertEquals(3, clean, "a step still allocated " + allocated + " bytes after warm-up");
        }
    }

    /** A 300-420-10 ReLU network with Adam, driven through the backend as a generated model drives it. */
    private static final class Mlp {
        final Backend b;
        final int count = HIDDEN * IN + HIDDEN + OUT * HIDDEN + OUT;
        final Buffer params;
        final Buffer grads;
        final Buffer m;
        final Buffer v;
        final Buffer w1, b1, w2, b2, dw1, db1, dw2, db2;
        final Buffer x, targets, h, logits, dh, dLogits;
        long steps;

        Mlp(Backend b) {
            this.b = b;
            params = b.allocate(count);
            grads = b.allocate(count);
            m = b.allocate(count);
            v = b.allocate(count);
            w1 = b.slice(params, 0, HIDDEN * IN);
            dw1 = b.slice(grads, 0, HIDDEN * IN);
            b1 = b.slice(params, HIDDEN * IN, HIDDEN);
            db1 = b.slice(grads, HIDDEN * IN, HIDDEN);
            int at = HIDDEN * IN + HIDDEN;
            w2 = b.slice(params, at, OUT * HIDDEN);
            dw2 = b.slice(grads, at, OUT * HIDDEN);
            b2 = b.slice(params, at + OUT * HIDDEN, OUT);
            db2 = b.slice(grads, at + OUT * HIDDEN, OUT);
            x = b.allocate(BATCH * IN);
            targets = b.allocate(BATCH);
            h = b.allocate(BATCH * HIDDEN);
            dh = b.allocate(BATCH * HIDDEN);
            logits = b.allocate(BATCH * OUT);
            dLogits = b.allocate(BATCH * OUT);
            SplittableRandom random = new SplittableRandom(3);
            double[] init = new double[count];
            for (int i = 0; i < count; i++) {
                init[i] = (random.nextDouble() * 2 - 1) / Math.sqrt(IN);
            }
            b.writeDoubles(params, init, 0, count);
            double[] input = new double[BATCH * IN];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextDouble();
            }
            b.writeDoubles(x, input, 0, input.length);
            double[] labels = new double[BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt(OUT);
            }
            b.writeDoubles(targets, labels, 0, BATCH);
        }

        void lossAndGradients() {
            b.linearForward(x, w1, b1, h, BATCH, IN, HIDDEN, Activation.RELU, 0);
            b.linearForward(h, w2, b2, logits, BATCH, HIDDEN, OUT, Activation.IDENTITY, 0);
            b.softmaxCrossEntropy(logits, targets, dLogits, BATCH, OUT, false);
            b.linearBackwardParams(dLogits, h, dw2, db2, BATCH, HIDDEN, OUT);
            b.linearBackwardInput(dLogits, w2, dh, BATCH, HIDDEN, OUT);
            b.activationBackward(Activation.RELU, 0, h, h, dh, dh, BATCH * HIDDEN);
            b.linearBackwardParams(dh, x, dw1, db1, BATCH, IN, HIDDEN);
        }

        void adam(long step) {
            b.adamUpdate(params, grads, m, v, count, 1e-3, 0.9, 0.999, 1e-8, 0, false, step);
        }

        Mlp train(int stepCount) {
            for (int i = 0; i < stepCount; i++) {
                lossAndGradients();
                adam(++steps);
            }
            return this;
        }

        float[] read(Buffer buffer) {
            float[] host = new float[count];
            b.read(buffer, host, 0, count);
            return host;
        }
    }
}
