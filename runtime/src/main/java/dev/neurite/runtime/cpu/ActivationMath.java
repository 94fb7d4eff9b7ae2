package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;

/**
 * The scalar formulas of the activations, in double precision, shared by {@link CpuBackend} and
 * {@link DoubleCpuBackend} so that both compute the same function (the float backend rounds the result once).
 */
final class ActivationMath {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
    /** Below it the power series of erf is used, above it the continued fraction of erfc. */
    private static final double SERIES_LIMIT = 2.5;
    /** Depth of the erfc continued fraction; relative error below 1e-13 for every x >= 2.5. */
    private static final int FRACTION_TERMS = 50;
    /** erfc underflows to zero beyond this. */
    private static final double ERFC_ZERO = 27;

    private ActivationMath() {
    }

    /** {@code act(x)}; {@code alpha} is leaky ReLU's negative slope. */
    static double forward(Activation act, double alpha, double x) {
        return switch (act) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0;
            case LEAKY_RELU -> x > 0 ? x : alpha * x;
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case GELU -> x * normalCdf(x);
            case STEP -> x > 0 ? 1 : 0;
        };
    }

    /**
     * {@code act'(x)} given the input {@code x} and output {@code y = act(x)}. ReLU's derivative at 0 is 0 and
     * leaky ReLU's is alpha, as in PyTorch; the step passes gradients straight through (derivative 1).
     */
    static double derivative(Activation act, double alpha, double x, double y) {
        return switch (act) {
            case IDENTITY, STEP -> 1;
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : alpha;
            case SIGMOID -> y * (1 - y);
            case TANH -> 1 - y * y;
            case GELU -> normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        };
    }

    /** The logistic function, written so that neither branch overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** The standard normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}, accurate in both tails. */
    static double normalCdf(double x) {
        double z = x * SQRT_HALF;
        return z >= 0 ? 0.5 * (1 + erf(z)) : 0.5 * erfc(-z);
    }

    /** The error function, to about 1e-15 relative. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double value = ax < SERIES_LIMIT ? erfSeries(ax) : 1 - erfcFraction(ax);
        return Math.copySign(value, x);
    }

    /** The complementary error function {@code 1 - erf(x)}, accurate (relatively) for large positive x. */
    static double erfc(double x) {
        if (x < SERIES_LIMIT) {
            return 1 - erf(x);
        }
        return erfcFraction(x);
    }

    /**
     * {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1))} for {@code x >= 0}: every term is
     * positive, so nothing cancels.
     */
    private static double erfSeries(double x) {
        double twoXSquared = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** {@code erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))} for {@code x >= 2.5}. */
    private static double erfcFraction(double x) {
        if (x > ERFC_ZERO) {
            return 0;
        }
        double tail = x;
        for (int k = FRACTION_TERMS; k >= 1; k--) {
            tail = x + 0.5 * k / tail;
        }
        return INV_SQRT_PI * Math.exp(-x * x) / tail;
    }
}
