package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.AWKWARD_SIZES;
import static dev.neurite.runtime.opencl.OpenClTestSupport.asFloats;
import static dev.neurite.runtime.opencl.OpenClTestSupport.assertClose;
import static dev.neurite.runtime.opencl.OpenClTestSupport.download;
import static dev.neurite.runtime.opencl.OpenClTestSupport.random;
import static dev.neurite.runtime.opencl.OpenClTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every non-GEMM kernel of {@link OpenClBackend} against the double reference on random inputs of awkward
 * sizes: element-wise results within 1e-5 of the result's scale, reductions (the losses) within 1e-4.
 */
class OpenClKernelsTest {

    private static final double TOLERANCE = 1e-5;
    private static final double REDUCTION_TOLERANCE = 1e-4;

    private static OpenClBackend backend;
    private final Random random = new Random(42);

    @BeforeAll
    static void openDevice() {
        OpenClTestSupport.assumeOpenClDevice();
        backend = OpenClBackend.open(0);
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
        assertArrayEquals(new double[513], download(backend, whole, 513));
        Buffer view = backend.slice(whole, 100, 65);
        Buffer inner = backend.slice(view, 1, 63);
        backend.fill(view, 2.5, 65);
        backend.writeDoubles(inner, new double[] {7, 8}, 0, 2);
        double[] all = download(backend, whole, 513);
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
            double[] x = asFloats(random(random, batch * in, 1));
            double[] w = asFloats(random(random, out * in, 0.2));
            double[] bias = asFloats(random(random, out, 1));
            double[] expected = NaiveReference.gemm(false, true, batch, out, in, 1, x, w, 0, null);
            double[] expectedNoBias = expected.clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = NaiveReference.activate(act, 0.1, expected[i] + bias[i % out]);
                expectedNoBias[i] = NaiveReference.activate(act, 0.1, expectedNoBias[i]);
            }
            Buffer y = backend.allocate(batch * out);
            backend.linearForward(upload(backend, x), upload(backend, w), upload(backend, bias), y, batch, in, out,
                    act, 0.1);
            assertClose(expected, download(backend, y, batch * out), TOLERANCE, act + " with bias");
            backend.linearForward(upload(backend, x), upload(backend, w), null, y, batch, in, out, act, 0.1);
            assertClose(expectedNoBias, download(backend, y, batch * out), TOLERANCE, act + " without bias");
        }
    }

    @Test
    void linearBackwardGivesInputWeightAndBiasGradients() {
        for (int[] shape : new int[][] {{1, 1, 1}, {63, 65, 513}, {513, 63, 65}}) {
            int batch = shape[0];
            int in = shape[1];
            int out = shape[2];
            double[] x = asFloats(random(random, batch * in, 1));
            double[] w = asFloats(random(random, out * in, 1));
            double[] dy = asFloats(random(random, batch * out, 1));
            Buffer dx = backend.allocate(batch * in);
            Buffer dw = backend.allocate(out * in);
            Buffer dbias = backend.allocate(out);
            backend.linearBackwardInput(upload(backend, dy), upload(backend, w), dx, batch, in, out);
            backend.linearBackwardParams(upload(backend, dy), upload(backend, x), dw, dbias, batch, in, out);
            double[] expectedBias = new double[out];
            for (int i = 0; i < dy.length; i++) {
                expectedBias[i % out] += dy[i];
            }
            assertClose(NaiveReference.gemm(false, false, batch, in, out, 1, dy, w, 0, null),
                    download(backend, dx, batch * in), TOLERANCE, "dx");
            assertClose(NaiveReference.gemm(true, false, out, in, batch, 1, dy, x, 0, null),
                    download(backend, dw, out * in), TOLERANCE, "dw");
            assertClose(expectedBias, download(backend, dbias, out), REDUCTION_TOLERANCE, "dbias");
        }
    }

    // ---------------------------------------------------------------- activations

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationForwardAndBackwardMatchTheirFormulas(Activation act) {
        for (int n : AWKWARD_SIZES) {
            double[] x = asFloats(random(random, n, 4));
            double[] dy = asFloats(random(random, n, 1));
            double[] y = new double[n];
            double[] dx = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = NaiveReference.activate(act, 0.2, x[i]);
                dx[i] = dy[i] * NaiveReference.derivative(act, 0.2, x[i]);
            }
            Buffer xs = upload(backend, x);
            Buffer ys = backend.allocate(n);
            backend.activationForward(act, 0.2, xs, ys, n);
            assertClose(y, download(backend, ys, n), TOLERANCE, act + " forward, n=" + n);
            Buffer dys = upload(backend, dy);
            backend.activationBackward(act, 0.2, xs, ys, dys, dys, n); // dx aliases dy, as allowed
            assertClose(dx, download(backend, dys, n), TOLERANCE, act + " backward, n=" + n);
        }
    }

    @Test
    void softmaxForwardAndBackwardWorkRowWise() {
        for (int cols : AWKWARD_SIZES) {
            int rows = 65;
            double[] x = asFloats(random(random, rows * cols, 10));
            double[] dy = asFloats(random(random, rows * cols, 1));
            double[] y = NaiveReference.softmax(x, rows, cols);
            double[] dx = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                double dot = 0;
                for (int j = 0; j < cols; j++) {
                    dot += dy[r * cols + j] * y[r * cols + j];
                }
                for (int j = 0; j < cols; j++) {
                    dx[r * cols + j] = y[r * cols + j] * (dy[r * cols + j] - dot);
                }
            }
            Buffer ys = backend.allocate(rows * cols);
            backend.softmaxForward(upload(backend, x), ys, rows, cols);
            assertClose(y, download(backend, ys, rows * cols), TOLERANCE, "softmax, cols=" + cols);
            Buffer dxs = backend.allocate(rows * cols);
            backend.softmaxBackward(ys, upload(backend, dy), dxs, rows, cols);
            assertClose(dx, download(backend, dxs, rows * cols), TOLERANCE, "softmax backward, cols=" + cols);
        }
    }

    // ---------------------------------------------------------------- dropout

    @Test
    void dropoutKeepsExactlyTheElementsTheHashKeepsAndScalesThem() {
        int n = 4099;
        double p = 0.3;
        long seed = 0x5EEDL;
        double[] x = asFloats(random(random, n, 1));
        Buffer mask = backend.allocate(n);
        Buffer y = backend.allocate(n);
        backend.dropoutForward(upload(backend, x), mask, y, n, p, seed);
        double[] expectedMask = new double[n];
        double[] expectedY = new double[n];
        int threshold = (int) Math.ceil(p * (1 << 24));
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean keep = NaiveReference.dropoutDraw(seed, i) >= threshold;
            expectedMask[i] = keep ? (float) (1 / (1 - p)) : 0;
            expectedY[i] = x[i] * expectedMask[i];
            kept += keep ? 1 : 0;
        }
        assertArrayEquals(expectedMask, download(backend, mask, n));
        assertClose(expectedY, download(backend, y, n), TOLERANCE, "dropout output");
        assertEquals(1 - p, kept / (double) n, 0.03, "fraction kept");

        Buffer dx = backend.allocate(n);
        backend.multiply(y, mask, dx, n);
        double[] expectedDx = new double[n];
        for (int i = 0; i < n; i++) {
            expectedDx[i] = expectedY[i] * expectedMask[i];
        }
        assertClose(expectedDx, download(backend, dx, n), TOLERANCE, "multiply");
    }

    // ---------------------------------------------------------------- losses

    @Test
    void softmaxCrossEntropyWithClassIndicesAndOneHotTargets() {
        for (int classes : new int[] {2, 63, 65, 513}) {
            for (int batch : AWKWARD_SIZES) {
                double[] logits = asFloats(random(random, batch * classes, 5));
                double[] labels = new double[batch];
                double[] oneHot = new double[batch * classes];
                for (int b = 0; b < batch; b++) {
                    labels[b] = random.nextInt(classes);
                    oneHot[b * classes + (int) labels[b]] = 1;
                }
                double[] probabilities = NaiveReference.softmax(logits, batch, classes);
                double loss = 0;
                double[] gradient = new double[batch * classes];
                for (int i = 0; i < gradient.length; i++) {
                    loss -= oneHot[i] * Math.log(probabilities[i]) / batch;
                    gradient[i] = (probabilities[i] - oneHot[i]) / batch;
                }
                Buffer z = upload(backend, logits);
                Buffer dz = backend.allocate(batch * classes);
                String what = " batch=" + batch + " classes=" + classes;
                assertClose(loss, backend.softmaxCrossEntropy(z, upload(backend, labels), dz, batch, classes, false),
                        REDUCTION_TOLERANCE, "cross-entropy (indices)" + what);
                assertClose(gradient, download(backend, dz, batch * classes), TOLERANCE, "dlogits (indices)" + what);
                backend.fill(dz, 0, batch * classes);
                assertClose(loss, backend.softmaxCrossEntropy(z, upload(backend, oneHot), dz, batch, classes, true),
                        REDUCTION_TOLERANCE, "cross-entropy (one-hot)" + what);
                assertClose(gradient, download(backend, dz, batch * classes), TOLERANCE, "dlogits (one-hot)" + what);
                assertClose(loss, backend.softmaxCrossEntropy(z, upload(backend, labels), null, batch, classes, false),
                        REDUCTION_TOLERANCE, "cross-entropy without gradient" + what);
            }
        }
    }

    @Test
    void meanSquaredErrorAndBinaryCrossEntropyReduceToTheMean() {
        for (int batch : AWKWARD_SIZES) {
            int n = 3;
            int count = batch * n;
            double[] predictions = asFloats(random(random, count, 6));
            double[] targets = new double[count];
            for (int i = 0; i < count; i++) {
                targets[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble();
            }
            double mse = 0;
            double bce = 0;
            double[] dmse = new double[count];
            double[] dbce = new double[count];
            for (int i = 0; i < count; i++) {
                double d = predictions[i] - targets[i];
                mse += d * d / count;
                dmse[i] = 2 * d / count;
                double s = 1 / (1 + Math.exp(-predictions[i]));
                bce -= (targets[i] * Math.log(s) + (1 - targets[i]) * Math.log(1 - s)) / count;
                dbce[i] = (s - targets[i]) / count;
            }
            Buffer p = upload(backend, predictions);
            Buffer t = upload(backend, targets);
            Buffer grad = backend.allocate(count);
            assertClose(mse, backend.meanSquaredError(p, t, grad, batch, n), REDUCTION_TOLERANCE, "mse");
            assertClose(dmse, download(backend, grad, count), TOLERANCE, "mse gradient");
            assertClose(bce, backend.binaryCrossEntropyWithLogits(p, t, grad, batch, n), REDUCTION_TOLERANCE, "bce");
            assertClose(dbce, download(backend, grad, count), TOLERANCE, "bce gradient");
            assertClose(mse, backend.meanSquaredError(p, t, null, batch, n), REDUCTION_TOLERANCE, "mse, no gradient");
        }
    }
}
