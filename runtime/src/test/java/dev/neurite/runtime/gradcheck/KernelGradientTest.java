package dev.neurite.runtime.gradcheck;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import dev.neurite.runtime.cpu.DoubleCpuBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every backward kernel of {@link DoubleCpuBackend} against central finite differences of its forward kernel.
 * Vector-valued kernels are reduced to the scalar {@code L = sum_i r_i y_i} with a fixed random {@code r}, whose
 * gradient is the backward kernel applied to {@code dy = r}.
 */
class KernelGradientTest {

    private static final double TOLERANCE = 1e-4;

    private final DoubleCpuBackend backend = new DoubleCpuBackend();
    private final Random random = new Random(20240613);

    @Test
    void linearGradientsWithRespectToInputWeightsAndBias() {
        int batch = 3;
        int in = 5;
        int out = 4;
        double[] x = randoms(batch * in);
        double[] w = randoms(out * in);
        double[] b = randoms(out);
        double[] r = randoms(batch * out);
        double[] y = new double[batch * out];
        DoubleSupplier loss = () -> {
            backend.linearForward(buf(x), buf(w), buf(b), buf(y), batch, in, out, Activation.IDENTITY, 0);
            return dot(r, y);
        };
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        double[] db = new double[b.length];
        backend.linearBackwardInput(buf(r), buf(w), buf(dx), batch, in, out);
        backend.linearBackwardParams(buf(r), buf(x), buf(dw), buf(db), batch, in, out);

        FiniteDifferences.assertGradient("linear dx", dx, v -> loss.getAsDouble(), x, TOLERANCE);
        FiniteDifferences.assertGradient("linear dw", dw, v -> loss.getAsDouble(), w, TOLERANCE);
        FiniteDifferences.assertGradient("linear dbias", db, v -> loss.getAsDouble(), b, TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "STEP", mode = EnumSource.Mode.EXCLUDE)
    void activationBackwardIsTheDerivative(Activation act) {
        double alpha = 0.07;
        int n = 16;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // |x| in [0.1, 3]: away from the kinks of relu and leaky relu at 0.
            x[i] = (random.nextBoolean() ? 1 : -1) * (0.1 + 2.9 * random.nextDouble());
        }
        double[] r = randoms(n);
        double[] y = new double[n];
        backend.activationForward(act, alpha, buf(x), buf(y), n);
        double[] dx = new double[n];
        backend.activationBackward(act, alpha, buf(x), buf(y), buf(r), buf(dx), n);

        double[] scratch = new double[n];
        FiniteDifferences.assertGradient(act + " backward", dx, v -> {
            backend.activationForward(act, alpha, buf(v), buf(scratch), n);
            return dot(r, scratch);
        }, x, TOLERANCE);
    }

    @Test
    void stepPassesTheGradientStraightThrough() {
        double[] x = {-2, -0.5, 0, 0.5, 2};
        double[] y = new double[5];
        double[] dy = {1, 2, 3, 4, 5};
        double[] dx = new double[5];
        backend.activationForward(Activation.STEP, 0, buf(x), buf(y), 5);
        backend.activationBackward(Activation.STEP, 0, buf(x), buf(y), buf(dy), buf(dx), 5);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, y);
        assertArrayEquals(dy, dx);
    }

    @Test
    void softmaxBackwardIsTheVectorJacobianProduct() {
        int rows = 3;
        int cols = 6;
        double[] x = scaled(randoms(rows * cols), 3);
        double[] r = randoms(rows * cols);
        double[] y = new double[rows * cols];
        backend.softmaxForward(buf(x), buf(y), rows, cols);
        double[] dx = new double[x.length];
        backend.softmaxBackward(buf(y), buf(r), buf(dx), rows, cols);

        double[] scratch = new double[x.length];
        FiniteDifferences.assertGradient("softmax backward", dx, v -> {
            backend.softmaxForward(buf(v), buf(scratch), rows, cols);
            return dot(r, scratch);
        }, x, TOLERANCE);
    }

    @Test
    void dropoutBackwardMultipliesByTheMask() {
        int n = 40;
        double p = 0.3;
        double[] x = randoms(n);
        double[] mask = new double[n];
        double[] y = new double[n];
        backend.dropoutForward(buf(x), buf(mask), buf(y), n, p, 99);
        for (double m : mask) {
            assertEquals(m == 0 ? 0 : 1 / (1 - p), m, 0, "mask values are 0 or 1 / (1 - p)");
        }
        double[] r = randoms(n);
        double[] dx = new double[n];
        backend.multiply(buf(r), buf(mask), buf(dx), n);

        double[] scratch = new double[n];
        FiniteDifferences.assertGradient("dropout backward (fixed mask)", dx, v -> {
            backend.multiply(buf(v), buf(mask), buf(scratch), n);
            return dot(r, scratch);
        }, x, TOLERANCE);
    }

    @Test
    void crossEntropyWithClassIndices() {
        int batch = 4;
        int classes = 5;
        double[] logits = scaled(randoms(batch * classes), 2);
        double[] labels = {3, 0, 4, 1};
        double[] grad = new double[logits.length];
        backend.softmaxCrossEntropy(buf(logits), buf(labels), buf(grad), batch, classes, false);
        FiniteDifferences.assertGradient("cross-entropy (indices)", grad,
                v -> backend.softmaxCrossEntropy(buf(v), buf(labels), null, batch, classes, false),
                logits, TOLERANCE);
    }

    @Test
    void crossEntropyWithOneHotAndSoftTargets() {
        int batch = 3;
        int classes = 4;
        double[] logits = scaled(randoms(batch * classes), 2);
        // Row 0 one-hot, row 1 soft probabilities, row 2 a row not summing to 1 (the general formula).
        double[] targets = {0, 1, 0, 0, 0.2, 0.3, 0.4, 0.1, 0.5, 0, 0.25, 0};
        double[] grad = new double[logits.length];
        backend.softmaxCrossEntropy(buf(logits), buf(targets), buf(grad), batch, classes, true);
        FiniteDifferences.assertGradient("cross-entropy (one-hot)", grad,
                v -> backend.softmaxCrossEntropy(buf(v), buf(targets), null, batch, classes, true),
                logits, TOLERANCE);
    }

    @Test
    void meanSquaredError() {
        int batch = 3;
        int n = 4;
        double[] predictions = randoms(batch * n);
        double[] targets = randoms(batch * n);
        double[] grad = new double[predictions.length];
        backend.meanSquaredError(buf(predictions), buf(targets), buf(grad), batch, n);
        FiniteDifferences.assertGradient("mse", grad,
                v -> backend.meanSquaredError(buf(v), buf(targets), null, batch, n), predictions, TOLERANCE);
    }

    @Test
    void binaryCrossEntropyWithLogits() {
        int batch = 6;
        int n = 2;
        double[] logits = scaled(randoms(batch * n), 4);
        double[] targets = new double[batch * n];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i % 3 == 0 ? 0.3 : i % 2;
        }
        double[] grad = new double[logits.length];
        backend.binaryCrossEntropyWithLogits(buf(logits), buf(targets), buf(grad), batch, n);
        FiniteDifferences.assertGradient("bce with logits", grad,
                v -> backend.binaryCrossEntropyWithLogits(buf(v), buf(targets), null, batch, n),
                logits, TOLERANCE);
    }

    private static DoubleCpuBuffer buf(double[] values) {
        return new DoubleCpuBuffer(values, 0, values.length);
    }

    private double[] randoms(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] scaled(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
