package dev.neurite.runtime.init;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics of each initialisation: bounds, mean and variance of a large layer within a few standard errors,
 * and the bias rule (drawn only for the default, zero otherwise).
 */
class InitializersTest {

    private static final int OUT = 200;
    private static final int IN = 300;

    private final double[] weight = new double[OUT * IN];
    private final double[] bias = new double[OUT];

    @Test
    void defaultIsPyTorchsLinearInitialisation() {
        init(InitSpec.DEFAULT);
        double bound = 1 / Math.sqrt(IN);
        assertUniform(weight, -bound, bound);
        assertUniform(bias, -bound, bound);
    }

    @Test
    void uniformUsesItsBoundsAndZeroBias() {
        init(new InitSpec(InitKind.UNIFORM, Map.of("low", -0.5, "high", 2.0)));
        assertUniform(weight, -0.5, 2.0);
        assertArrayEquals(new double[OUT], bias);
    }

    @Test
    void normalUsesItsMeanAndStd() {
        init(new InitSpec(InitKind.NORMAL, Map.of("mean", 0.3, "std", 0.01)));
        assertMoments(weight, 0.3, 0.01 * 0.01);
        assertArrayEquals(new double[OUT], bias);
    }

    @Test
    void xavierIsUniformInGainTimesSqrtSixOverFanSum() {
        init(new InitSpec(InitKind.XAVIER, Map.of("gain", 2.0)));
        double bound = 2.0 * Math.sqrt(6.0 / (IN + OUT));
        assertUniform(weight, -bound, bound);
        assertArrayEquals(new double[OUT], bias);
    }

    @Test
    void heIsNormalWithVarianceTwoOverFanIn() {
        init(new InitSpec(InitKind.HE, Map.of()));
        assertMoments(weight, 0, 2.0 / IN);
        assertArrayEquals(new double[OUT], bias);
    }

    @Test
    void zerosAndLayersWithoutBias() {
        init(new InitSpec(InitKind.ZEROS, Map.of()));
        assertArrayEquals(new double[OUT * IN], weight);
        assertArrayEquals(new double[OUT], bias);
        Initializers.initializeDense(InitSpec.DEFAULT, weight, null, OUT, IN, new Random(1));
        assertUniform(weight, -1 / Math.sqrt(IN), 1 / Math.sqrt(IN));
    }

    @Test
    void sameSeedSameValuesAndWrongSizesFail() {
        double[] first = new double[12];
        double[] second = new double[12];
        Initializers.initializeDense(InitSpec.DEFAULT, first, null, 3, 4, new SplittableRandom(9));
        Initializers.initializeDense(InitSpec.DEFAULT, second, null, 3, 4, new SplittableRandom(9));
        assertArrayEquals(first, second);
        assertThrows(IllegalArgumentException.class,
                () -> Initializers.initializeDense(InitSpec.DEFAULT, new double[11], null, 3, 4, new Random()));
    }

    private void init(InitSpec spec) {
        Initializers.initializeDense(spec, weight, bias, OUT, IN, new SplittableRandom(17));
    }

    /** Inside the bounds, with the mean and variance of U(low, high). */
    private static void assertUniform(double[] values, double low, double high) {
        for (double v : values) {
            assertTrue(v >= low && v <= high, v + " outside [" + low + ", " + high + "]");
        }
        double width = high - low;
        assertMoments(values, (low + high) / 2, width * width / 12);
    }

    /**
     * Sample mean and variance within 5 standard errors (the variance's relative standard error is at most
     * {@code sqrt(2 / n)} for normal and uniform samples).
     */
    private static void assertMoments(double[] values, double mean, double variance) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double sampleMean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - sampleMean) * (v - sampleMean);
        }
        double sampleVariance = squares / (values.length - 1);
        assertEquals(mean, sampleMean, 5 * Math.sqrt(variance / values.length), "mean");
        assertEquals(variance, sampleVariance, 5 * Math.sqrt(2.0 / values.length) * variance, "variance");
    }
}
