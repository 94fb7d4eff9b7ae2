package dev.neurite.runtime.init;

import java.util.SplittableRandom;

/** Draws a dense layer's initial weights and bias on the host, as an {@link InitSpec} says. */
public final class Initializers {

    private Initializers() {
    }

    /**
     * Fills {@code weight} ({@code [out, in]}, row-major) and {@code bias} ({@code [out]}, or null when the layer
     * has none) from {@code random}.
     */
    public static void initializeDense(InitSpec spec, int out, int in, double[] weight, double[] bias,
                                       SplittableRandom random) {
        switch (spec.kind()) {
            case DEFAULT -> {
                // PyTorch's nn.Linear: kaiming_uniform_(a = sqrt(5)) gives bound sqrt(6 / ((1 + 5) fan_in)),
                // i.e. 1 / sqrt(fan_in), and the bias uses the same bound.
                double bound = 1 / Math.sqrt(in);
                uniform(weight, -bound, bound, random);
                if (bias != null) {
                    uniform(bias, -bound, bound, random);
                }
                return;
            }
            case NORMAL -> normal(weight, spec.get("mean", 0), spec.get("std", 1), random);
            case UNIFORM -> uniform(weight, spec.get("low", -1), spec.get("high", 1), random);
            case XAVIER -> {
                double bound = spec.get("gain", 1) * Math.sqrt(6.0 / (in + out));
                uniform(weight, -bound, bound, random);
            }
            case HE -> normal(weight, 0, Math.sqrt(2.0 / in), random);
            case ZEROS -> java.util.Arrays.fill(weight, 0);
        }
        if (bias != null) {
            java.util.Arrays.fill(bias, 0);
        }
    }

    private static void uniform(double[] values, double low, double high, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
    }

    private static void normal(double[] values, double mean, double std, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * gaussian(random);
        }
    }

    /** A standard normal draw by the Box-Muller transform (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
