package dev.neurite.runtime.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Fills a dense layer's weight {@code [out, in]} and bias {@code [out]} as an {@link InitSpec} says, drawing from
 * a generator the caller seeds ({@link java.util.SplittableRandom} or {@link java.util.Random}), so that a model's
 * initial parameters depend only on its seed.
 *
 * <p>Weights are drawn row by row in storage order, then the bias; only {@link InitKind#DEFAULT} draws a bias,
 * every other kind sets it to zero (PyTorch users write {@code nn.init.zeros_(bias)} next to such inits).
 */
public final class Initializers {

    private Initializers() {
    }

    /**
     * Initialises one dense layer.
     *
     * @param spec   which initialisation, with its arguments ({@code mean, std, low, high, gain})
     * @param weight {@code out * in} weights, row-major {@code [out, in]}, overwritten
     * @param bias   {@code out} biases, overwritten; null for a layer without bias
     * @param out    output features (fan-out)
     * @param in     input features (fan-in)
     * @param random the source of randomness
     */
    public static void initializeDense(InitSpec spec, double[] weight, double[] bias, int out, int in,
                                       RandomGenerator random) {
        if (weight.length != out * in || (bias != null && bias.length != out)) {
            throw new IllegalArgumentException("a dense layer [" + out + ", " + in + "] needs " + out * in
                    + " weights and " + out + " biases, got " + weight.length + " and "
                    + (bias == null ? "no" : bias.length));
        }
        switch (spec.kind()) {
            case DEFAULT -> {
                // kaiming_uniform_(a = sqrt(5)): gain sqrt(2 / (1 + 5)), bound sqrt(3) * gain / sqrt(fan_in).
                double bound = 1 / Math.sqrt(in);
                fillUniform(weight, -bound, bound, random);
                if (bias != null) {
                    fillUniform(bias, -bound, bound, random);
                }
                return;
            }
            case NORMAL -> fillNormal(weight, spec.get("mean", 0), spec.get("std", 1), random);
            case UNIFORM -> fillUniform(weight, spec.get("low", -1), spec.get("high", 1), random);
            case XAVIER -> {
                double bound = spec.get("gain", 1) * Math.sqrt(6.0 / (in + out));
                fillUniform(weight, -bound, bound, random);
            }
            case HE -> fillNormal(weight, 0, Math.sqrt(2.0 / in), random);
            case ZEROS -> Arrays.fill(weight, 0);
        }
        if (bias != null) {
            Arrays.fill(bias, 0);
        }
    }

    private static void fillUniform(double[] values, double low, double high, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
    }

    private static void fillNormal(double[] values, double mean, double std, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * random.nextGaussian();
        }
    }
}
