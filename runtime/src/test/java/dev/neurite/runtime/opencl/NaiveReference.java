package dev.neurite.runtime.opencl;

import dev.neurite.runtime.backend.Activation;

/**
 * Plain double-precision loops that spell out each {@link dev.neurite.runtime.backend.Backend} formula, the
 * yardstick for the OpenCL kernels until {@code DoubleCpuBackend} is available to compare against.
 */
final class NaiveReference {

    private NaiveReference() {
    }

    static double[] gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                         double[] b, double beta, double[] c) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * m + i] : a[i * k + p];
                    double bv = transB ? b[j * k + p] : b[p * n + j];
                    sum += av * bv;
                }
                out[i * n + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * n + j]);
            }
        }
        return out;
    }

    static double activate(Activation act, double alpha, double x) {
        switch (act) {
            case RELU:
                return Math.max(x, 0);
            case LEAKY_RELU:
                return x > 0 ? x : alpha * x;
            case SIGMOID:
                return 1 / (1 + Math.exp(-x));
            case TANH:
                return Math.tanh(x);
            case GELU:
                return x * normalCdf(x);
            case STEP:
                return x > 0 ? 1 : 0;
            default:
                return x;
        }
    }

    static double derivative(Activation act, double alpha, double x) {
        switch (act) {
            case RELU:
                return x > 0 ? 1 : 0;
            case LEAKY_RELU:
                return x > 0 ? 1 : alpha;
            case SIGMOID:
                double s = activate(act, alpha, x);
                return s * (1 - s);
            case TANH:
                double t = Math.tanh(x);
                return 1 - t * t;
            case GELU:
                return normalCdf(x) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            default:
                return 1; // identity, and the straight-through step
        }
    }

    static double normalCdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Taylor series (|x| < 3) or continued fraction (beyond), accurate to about 1e-15. */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 3) {
            double term = x;
            double sum = x;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17; n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        double fraction = 0;
        for (int n = 60; n >= 1; n--) {
            fraction = n / 2.0 / (ax + fraction);
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + fraction);
        return Math.signum(x) * (1 - erfc);
    }

    static double[] softmax(double[] x, int rows, int cols) {
        double[] y = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[r * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[r * cols + j] - max);
            }
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = Math.exp(x[r * cols + j] - max) / sum;
            }
        }
        return y;
    }

    /** Java mirror of {@code dropout.cl}'s hash: the 24-bit draw of element {@code index}. */
    static int dropoutDraw(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) >>> 40);
    }
}
