package dev.neurite.runtime.data;

import java.util.List;
import java.util.Random;

/**
 * The toy data sets of the "Neural Networks from Scratch" course, generated from the course's formulas with a
 * seeded {@link Random} (Gaussian noise from {@link Random#nextGaussian()}, so the numbers differ from NumPy's
 * but the distributions are the same). Samples are ordered class by class, as in the course.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * {@code classes} interleaved spiral arms of {@code samples} points each. For class {@code k}:
     * {@code r = linspace(0, 1, samples)}, {@code t = linspace(4k, 4(k + 1), samples) + 0.2 * randn},
     * {@code x = r sin(2.5 t)}, {@code y = r cos(2.5 t)}.
     */
    public static Dataset spiral(int samples, int classes, long seed) {
        checkSizes("spiral", samples, classes);
        Random random = new Random(seed);
        float[] features = new float[samples * classes * 2];
        float[] targets = new float[samples * classes];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < samples; i++) {
                double r = linspace(0, 1, samples, i);
                double t = linspace(4.0 * k, 4.0 * (k + 1), samples, i) + random.nextGaussian() * 0.2;
                int row = k * samples + i;
                features[2 * row] = (float) (r * Math.sin(t * 2.5));
                features[2 * row + 1] = (float) (r * Math.cos(t * 2.5));
                targets[row] = k;
            }
        }
        return new Dataset("spiral", features, 2, targets, 1, classes, List.of());
    }

    /**
     * {@code classes} vertical clusters of {@code samples} points: for class {@code k},
     * {@code x = 0.1 randn + k / 3}, {@code y = 0.1 randn + 0.5} (all x noise of a class is drawn before its
     * y noise, as the course's vectorised code does).
     */
    public static Dataset vertical(int samples, int classes, long seed) {
        checkSizes("vertical", samples, classes);
        Random random = new Random(seed);
        float[] features = new float[samples * classes * 2];
        float[] targets = new float[samples * classes];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < samples; i++) {
                features[2 * (k * samples + i)] = (float) (random.nextGaussian() * 0.1 + k / 3.0);
                targets[k * samples + i] = k;
            }
            for (int i = 0; i < samples; i++) {
                features[2 * (k * samples + i) + 1] = (float) (random.nextGaussian() * 0.1 + 0.5);
            }
        }
        return new Dataset("vertical", features, 2, targets, 1, classes, List.of());
    }

    /** The four points of XOR, {@code (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 0}, as two classes. */
    public static Dataset xor() {
        float[] features = {0, 0, 0, 1, 1, 0, 1, 1};
        float[] targets = {0, 1, 1, 0};
        return new Dataset("xor", features, 2, targets, 1, 2, List.of());
    }

    /**
     * {@code samples} points of the line {@code y = slope * x + noise * randn}, with {@code x} uniform in
     * [-10, 10): a regression set on which a single dense unit learns {@code f(5) ≈ 5 * slope}.
     */
    public static Dataset linear(int samples, double slope, double noise, long seed) {
        if (samples <= 0) {
            throw new DataException("linear: samples must be positive, not " + samples);
        }
        Random random = new Random(seed);
        float[] features = new float[samples];
        float[] targets = new float[samples];
        for (int i = 0; i < samples; i++) {
            double x = random.nextDouble() * 20 - 10;
            features[i] = (float) x;
            targets[i] = (float) (slope * x + noise * random.nextGaussian());
        }
        return new Dataset("linear", features, 1, targets, 1, 0, List.of());
    }

    /** Element {@code i} of NumPy's {@code linspace(start, stop, n)} (both ends included). */
    private static double linspace(double start, double stop, int n, int i) {
        return n == 1 ? start : start + (stop - start) * i / (n - 1);
    }

    private static void checkSizes(String kind, int samples, int classes) {
        if (samples <= 0 || classes < 2) {
            throw new DataException(kind + ": needs samples >= 1 per class and classes >= 2, not samples = "
                    + samples + ", classes = " + classes);
        }
    }
}
