package dev.neurite.runtime.gradcheck;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numerical gradients by central finite differences, to check analytic gradients computed in double precision.
 * Works for anything that maps a parameter vector to a scalar: a single kernel, or a whole model's loss as a
 * function of its flat parameter buffer.
 */
public final class FiniteDifferences {

    /** A step that balances truncation error (~h^2) and rounding error (~1e-16 / h) in double precision. */
    public static final double DEFAULT_STEP = 1e-6;

    private FiniteDifferences() {
    }

    /**
     * {@code (f(x + h e_i) - f(x - h e_i)) / 2h} for every coordinate {@code i}. {@code x} is modified while
     * {@code f} runs (so {@code f} may read it in place) and restored exactly afterwards.
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            double plus = f.applyAsDouble(x);
            x[i] = saved - h;
            double minus = f.applyAsDouble(x);
            x[i] = saved;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    /** {@code |a - b| / max(|a|, |b|)} in the Euclidean norm; 0 when both are zero. */
    public static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double diff = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        double scale = Math.sqrt(Math.max(normA, normB));
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }

    /**
     * Asserts that {@code analytic} is the gradient of {@code f} at {@code x} within {@code tolerance} relative
     * error, and returns that error (for reports).
     */
    public static double assertGradient(String what, double[] analytic, ToDoubleFunction<double[]> f, double[] x,
                                        double tolerance) {
        double[] numeric = gradient(f, x, DEFAULT_STEP);
        double error = relativeError(analytic, numeric);
        assertTrue(error < tolerance, what + ": relative error " + error + " >= " + tolerance);
        return error;
    }
}
