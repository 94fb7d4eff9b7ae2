package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.AWKWARD_SIZES;
import static dev.neurite.runtime.opencl.OpenClTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.opencl.ReferenceCheck.Pair;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every non-GEMM kernel of {@link OpenClBackend} against {@code DoubleCpuBackend} on random inputs of awkward
 * sizes: element-wise results within 1e-5 of the result's scale, reductions (bias gradients, losses) within
 * 1e-4; dropout masks equal to {@link CpuBackend}'s bit for bit.
 */
class OpenClKernelsTest {

    private static final double TOLERANCE = 1e-5;
    private static final double REDUCTION_TOLERANCE = 1e-4;

    private static OpenClBackend backend;
    private static ReferenceCheck check;
    private final Random random = new Random(42);

    @BeforeAll
    static void openDevice() {
        OpenClTestSupport.assumeOpenClDevice();
        backend = OpenClBackend.open(0);
        check = new ReferenceCheck(backend);
    }

    @AfterAll
    static void closeDevice() {
        if (backend != null) {
            backend.close();
        }
    }

    // ---------------------------------------------------------------- memory

    @Test
    void allocatedBuffersStartAtZeroAndSlicesAddressTheirOffset() {
        Buffer whole = backend.allocate(513);
        assertArrayEquals(new float[513], download(whole, 513));
        Buffer view = backend.slice(whole, 100, 65);
        Buffer inner = backend.slice(view, 1, 63);
        backend.fill(view, 2.5, 65);
        backend.writeDoubles(inner, new double[] {7, 8}, 0, 2);
        float[] all = download(whole, 513);
        assertEquals(0, all[99]);
        assertEquals(2.5, all[100]);
        assertEquals(7, all[101]);
        assertEquals(8, all[102]);
        assertEquals(2.5, all[164]);
        assertEquals(0, all[165]);
    }

    @Test
    void writeAndReadHonourHostOffsetsAndCopyMovesBetweenViews() {
        Buffer whole = backend.allocate(130);
        float[] host = {1, 2, 3, 4, 5};
        backend.write(backend.slice(whole, 65, 65), host, 2, 3);
        backend.copy(backend.slice(whole, 65, 3), backend.slice(whole, 1, 3), 3);
        float[] back = new float[6];
        backend.read(whole, back, 1, 5);
        assertArrayEquals(new float[] {0, 0, 3, 4, 5, 0}, back);
    }

    // ---------------------------------------------------------------- linear layers

    @ParameterizedTest
    @EnumSource(Activation.class)
    void linearForwardFusesBiasAndActivation(Activation act) {
        for (int[] shape : new int[][] {{1, 1, 1}, {63, 65, 513}, {65, 513, 63}}) {
            int batch = shape[0];
            int in = shape[1];
            int out = shape[2];
            Pair x = check.upload(random(random, batch * in, 1));
            Pair w = check.upload(random(random, out * in, 0.2));
            Pair bias = check.upload(random(random, out, 1));
            Pair y = check.allocate(batch * out);
            String what = act + " " + batch + "x" + in + "->" + out;
            check.run(b -> b.linearForward(x.on(b), w.on(b), bias.on(b), y.on(b), batch, in, out, act, 0.1));
            check.assertClose(y, batch * out, TOLERANCE, what + " with bias");
            check.run(b -> b.linearForward(x.on(b), w.on(b), null, y.on(b), batch, in, out, act, 0.1));
            check.assertClose(y, batch * out, TOLERANCE, what + " without bias");
        }
    }

    @Test
    void linearBackwardGivesInputWeightAndBiasGradients() {
        for (int[] shape : new int[][] {{1, 1, 1}, {63, 65, 513}, {513, 63, 65}}) {
            int batch = shape[0];
            int in = shape[1];
            int out = shape[2];
            Pair x = check.upload(random(random, batch * in, 1));
            Pair w = check.upload(random(random, out * in, 1));
            Pair dy = check.upload(random(random, batch * out, 1));
            Pair dx = check.allocate(batch * in);
            Pair dw = check.allocate(out * in);
            Pair dbias = check.allocate(out);
            check.run(b -> b.linearBackwardInput(dy.on(b), w.on(b), dx.on(b), batch, in, out));
            check.run(b -> b.linearBackwardParams(dy.on(b), x.on(b), dw.on(b), dbias.on(b), batch, in, out));
            String what = " " + batch + "x" + in + "->" + out;
            check.assertClose(dx, batch * in, TOLERANCE, "dx" + what);
            check.assertClose(dw, out * in, TOLERANCE, "dw" + what);
            check.assertClose(dbias, out, REDUCTION_TOLERANCE, "dbias" + what);
        }
    }

    // ---------------------------------------------------------------- activations

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationForwardAndBackward(Activation act) {
        for (int n : AWKWARD_SIZES) {
            Pair x = check.upload(random(random, n, 4));
            Pair y = check.allocate(n);
            Pair dy = check.upload(random(random, n, 1));
            check.run(b -> b.activationForward(act, 0.2, x.on(b), y.on(b), n));
            check.assertClose(y, n, TOLERANCE, act + " forward, n=" + n);
            check.run(b -> b.activationBackward(act, 0.2, x.on(b), y.on(b), dy.on(b), dy.on(b), n)); // dx = dy
            check.assertClose(dy, n, TOLERANCE, act + " backward, n=" + n);
        }
    }

    @Test
    void activationOfAViewLeavesTheRestOfTheBufferAlone() {
        Pair whole = check.upload(random(random, 513, 2));
        Pair view = whole.slice(65, 63);
        check.run(b -> b.activationForward(Activation.RELU, 0, view.on(b), view.on(b), 63));
        check.assertClose(whole, 513, 0, "relu in place on elements 65..127");
    }

    @Test
    void softmaxForwardAndBackwardWorkRowWise() {
        for (int cols : AWKWARD_SIZES) {
            for (int rows : AWKWARD_SIZES) {
                int n = rows * cols;
                Pair x = check.upload(random(random, n, 10));
                Pair dy = check.upload(random(random, n, 1));
                Pair y = check.allocate(n);
                Pair dx = check.allocate(n);
                check.run(b -> b.softmaxForward(x.on(b), y.on(b), rows, cols));
                check.assertClose(y, n, TOLERANCE, "softmax " + rows + "x" + cols);
                check.run(b -> b.softmaxBackward(y.on(b), dy.on(b), dx.on(b), rows, cols));
                check.assertClose(dx, n, REDUCTION_TOLERANCE, "softmax backward " + rows + "x" + cols);
            }
        }
    }

    // ---------------------------------------------------------------- dropout

    @Test
    void dropoutMasksEqualTheCpuBackendsBitForBit() {
        try (CpuBackend cpu = new CpuBackend(1)) {
            for (long seed : new long[] {0, 42, -1, 0x5EEDL, Long.MIN_VALUE}) {
                for (double p : new double[] {0, 0.2, 0.5, 0.9}) {
                    for (int n : new int[] {1, 63, 65, 513, 4099}) {
                        float[] x = new float[n];
                        double[] values = random(random, n, 1);
                        for (int i = 0; i < n; i++) {
                            x[i] = (float) values[i];
                        }
                        String what = "seed=" + seed + " p=" + p + " n=" + n;
                        float[][] device = dropout(backend, x, p, seed);
                        float[][] expected = dropout(cpu, x, p, seed);
                        assertArrayEquals(expected[0], device[0], "mask " + what);
                        assertArrayEquals(expected[1], device[1], "output " + what);
                    }
                }
            }
        }
    }

    @Test
    void dropoutKeepsOneMinusPOfTheElementsAndItsBackwardMultipliesByTheMask() {
        int n = 4099;
        Pair x = check.upload(random(random, n, 1));
        Pair mask = check.allocate(n);
        Pair y = check.allocate(n);
        check.run(b -> b.dropoutForward(x.on(b), mask.on(b), y.on(b), n, 0.3, 7));
        check.assertClose(y, n, TOLERANCE, "dropout output");
        long kept = Arrays.stream(check.deviceValues(mask, n)).filter(m -> m != 0).count();
        assertEquals(0.7, kept / (double) n, 0.03, "fraction kept");

        Pair dx = check.allocate(n);
        check.run(b -> b.multiply(y.on(b), mask.on(b), dx.on(b), n));
        check.assertClose(dx, n, TOLERANCE, "multiply");
    }

    // ---------------------------------------------------------------- losses

    @Test
    void softmaxCrossEntropyWithClassIndicesAndOneHotTargets() {
        for (int classes : new int[] {2, 63, 65, 513}) {
            for (int batch : AWKWARD_SIZES) {
                double[] labelValues = new double[batch];
                double[] oneHotValues = new double[batch * classes];
                for (int r = 0; r < batch; r++) {
                    labelValues[r] = random.nextInt(classes);
                    oneHotValues[r * classes + (int) labelValues[r]] = 1;
                }
                Pair z = check.upload(random(random, batch * classes, 5));
                Pair labels = check.upload(labelValues);
                Pair oneHot = check.upload(oneHotValues);
                Pair dz = check.allocate(batch * classes);
                String what = " batch=" + batch + " classes=" + classes;
                check.assertSameValue(b -> b.softmaxCrossEntropy(z.on(b), labels.on(b), dz.on(b), batch, classes,
                        false), REDUCTION_TOLERANCE, "cross-entropy (indices)" + what);
                check.assertClose(dz, batch * classes, TOLERANCE, "dlogits (indices)" + what);
                check.run(b -> b.fill(dz.on(b), 0, batch * classes));
                check.assertSameValue(b -> b.softmaxCrossEntropy(z.on(b), oneHot.on(b), dz.on(b), batch, classes,
                        true), REDUCTION_TOLERANCE, "cross-entropy (one-hot)" + what);
                check.assertClose(dz, batch * classes, TOLERANCE, "dlogits (one-hot)" + what);
                check.assertSameValue(b -> b.softmaxCrossEntropy(z.on(b), labels.on(b), null, batch, classes,
                        false), REDUCTION_TOLERANCE, "cross-entropy without gradient" + what);
            }
        }
    }

    @Test
    void meanSquaredErrorAndBinaryCrossEntropyReduceToTheMean() {
        for (int batch : AWKWARD_SIZES) {
            for (int n : new int[] {1, 3, 65}) {
                int count = batch * n;
                double[] targetValues = new double[count];
                for (int i = 0; i < count; i++) {
                    targetValues[i] = random.nextDouble() < 0.5 ? 0 : (float) random.nextDouble();
                }
                Pair p = check.upload(random(random, count, 6));
                Pair t = check.upload(targetValues);
                Pair grad = check.allocate(count);
                String what = " batch=" + batch + " n=" + n;
                check.assertSameValue(b -> b.meanSquaredError(p.on(b), t.on(b), grad.on(b), batch, n),
                        REDUCTION_TOLERANCE, "mse" + what);
                check.assertClose(grad, count, TOLERANCE, "mse gradient" + what);
                check.assertSameValue(b -> b.binaryCrossEntropyWithLogits(p.on(b), t.on(b), grad.on(b), batch, n),
                        REDUCTION_TOLERANCE, "bce" + what);
                check.assertClose(grad, count, TOLERANCE, "bce gradient" + what);
                check.assertSameValue(b -> b.meanSquaredError(p.on(b), t.on(b), null, batch, n),
                        REDUCTION_TOLERANCE, "mse without gradient" + what);
            }
        }
    }

    private static float[] download(Buffer buffer, int length) {
        float[] values = new float[length];
        backend.read(buffer, values, 0, length);
        return values;
    }

    /** The mask and the output of dropout on {@code x}. */
    private static float[][] dropout(Backend on, float[] x, double p, long seed) {
        int n = x.length;
        Buffer input = on.allocate(n);
        Buffer mask = on.allocate(n);
        Buffer y = on.allocate(n);
        on.write(input, x, 0, n);
        on.dropoutForward(input, mask, y, n, p, seed);
        float[][] result = new float[2][n];
        on.read(mask, result[0], 0, n);
        on.read(y, result[1], 0, n);
        return result;
    }
}
