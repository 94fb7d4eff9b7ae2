package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurite.runtime.backend.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector element-wise kernels against the scalar ones: the same float operations, so the same bits, on
 * lengths that leave vector tails, and Adam's flushing of subnormal moments.
 */
class ElementKernelsTest {

    private final ElementKernels vector = new VectorElementKernels();
    private final ElementKernels scalar = new ScalarElementKernels();
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void biasActivationIsBitwiseTheSameInVectorAndScalarCode() {
        for (Activation act : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU}) {
            for (int cols : new int[] {1, 10, 16, 37, 512}) {
                float[] y = values(5 * cols + 3);
                float[] bias = values(cols + 2);
                float[] expected = y.clone();
                float[] actual = y.clone();
                scalar.biasActivation(expected, 3, bias, 2, 5, cols, act, 0.01f);
                vector.biasActivation(actual, 3, bias, 2, 5, cols, act, 0.01f);
                assertArrayEquals(expected, actual, act + " cols " + cols);
            }
        }
    }

    @Test
    void activationBackwardAndColumnSumsAreBitwiseTheSameInVectorAndScalarCode() {
        float[] x = values(1000);
        float[] dy = values(1000);
        for (Activation act : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.LEAKY_RELU}) {
            float[] expected = new float[1000];
            float[] actual = new float[1000];
            scalar.activationBackward(act, 0.1f, x, 1, dy, 2, expected, 0, 5, 990);
            vector.activationBackward(act, 0.1f, x, 1, dy, 2, actual, 0, 5, 990);
            assertArrayEquals(expected, actual, act.toString());
        }
        for (int cols : new int[] {3, 16, 45}) {
            float[] expected = new float[cols];
            float[] actual = new float[cols];
            // Rows 48 apart: a block of columns of a wider matrix.
            scalar.columnSums(dy, 7, 48, 20, cols, expected, 0);
            vector.columnSums(dy, 7, 48, 20, cols, actual, 0);
            assertArrayEquals(expected, actual, "cols " + cols);
        }
    }

    @Test
    void adamIsBitwiseTheSameInVectorAndScalarCodeAndForAnySplit() {
        int n = 1003;
        float[] p = values(n);
        float[] g = values(n);
        float[] m = values(n);
        float[] v = abs(values(n));
        ElementKernels.AdamScalars s = new ElementKernels.AdamScalars();
        for (boolean decoupled : new boolean[] {false, true}) {
            s.set(1e-3, 0.9, 0.999, 1e-8, 0.01, decoupled, 3);
            float[][] expected = {p.clone(), m.clone(), v.clone()};
            float[][] whole = {p.clone(), m.clone(), v.clone()};
            float[][] split = {p.clone(), m.clone(), v.clone()};
            scalar.adam(expected[0], 0, g, 0, expected[1], 0, expected[2], 0, 0, n, s);
            vector.adam(whole[0], 0, g, 0, whole[1], 0, whole[2], 0, 0, n, s);
            vector.adam(split[0], 0, g, 0, split[1], 0, split[2], 0, 0, 333, s);
            vector.adam(split[0], 0, g, 0, split[1], 0, split[2], 0, 333, n, s);
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(expected[t], whole[t]);
                assertArrayEquals(expected[t], split[t]);
            }
        }
    }

    @Test
    void adamStoresSubnormalMomentsAsZero() {
        ElementKernels.AdamScalars s = new ElementKernels.AdamScalars();
        s.set(1e-3, 0.9, 0.999, 1e-8, 0, false, 1000);
        for (ElementKernels kernels : new ElementKernels[] {vector, scalar}) {
            int n = 40;
            float[] p = new float[n];
            float[] g = new float[n];
            float[] m = new float[n];
            float[] v = new float[n];
            java.util.Arrays.fill(m, Float.MIN_NORMAL);
            java.util.Arrays.fill(v, Float.MIN_NORMAL);
            kernels.adam(p, 0, g, 0, m, 0, v, 0, 0, n, s);
            for (int i = 0; i < n; i++) {
                assertEquals(0f, m[i], "0.9 * MIN_NORMAL is subnormal and becomes 0");
                assertEquals(0f, v[i]);
                assertEquals(0f, p[i]);
            }
        }
    }

    /** The vector code compares float bits with integer arithmetic; these are the values where that can go wrong. */
    @Test
    void specialValuesSelectTheSameElementsInVectorAndScalarCode() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
                Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00000),
                Float.intBitsToFloat(0x7f800001), 1f, -1f};
        int n = 4 * special.length;
        float[] x = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = special[i % special.length];
            dy[i] = special[(i / special.length + 3 * i) % special.length];
        }
        for (Activation act : new Activation[] {Activation.RELU, Activation.LEAKY_RELU}) {
            float[] expected = x.clone();
            float[] actual = x.clone();
            scalar.biasActivation(expected, 0, null, 0, 1, n, act, 0.01f);
            vector.biasActivation(actual, 0, null, 0, 1, n, act, 0.01f);
            assertBitsEqual(expected, actual, act + " forward");
            scalar.activationBackward(act, 0.01f, x, 0, dy, 0, expected, 0, 0, n);
            vector.activationBackward(act, 0.01f, x, 0, dy, 0, actual, 0, 0, n);
            assertBitsEqual(expected, actual, act + " backward");
        }
        ElementKernels.AdamScalars s = new ElementKernels.AdamScalars();
        s.set(1e-3, 0.9, 0.999, 1e-8, 0, false, 5);
        float[][] expected = {x.clone(), x.clone(), abs(dy.clone())};
        float[][] actual = {x.clone(), x.clone(), abs(dy.clone())};
        scalar.adam(expected[0], 0, dy, 0, expected[1], 0, expected[2], 0, 0, n, s);
        vector.adam(actual[0], 0, dy, 0, actual[1], 0, actual[2], 0, 0, n, s);
        for (int t = 0; t < 3; t++) {
            assertBitsEqual(expected[t], actual[t], "adam array " + t);
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private float[] values(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static float[] abs(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]);
        }
        return a;
    }
}
