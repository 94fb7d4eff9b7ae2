package dev.neurite.runtime.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Samples held in memory: {@code count} rows of {@code featureSize} features and {@code targetSize} targets, both
 * row-major float arrays, the layout a {@link dev.neurite.runtime.model.Model} reads. A classification target is
 * the class index stored as a number; {@link #classes()} is then the number of classes, and 0 for regression.
 *
 * <p>A data set is never changed after construction; subsets and splits copy.
 */
public final class Dataset {

    /** Fashion-MNIST's labels 0..9, from the data set's documentation. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final String name;
    /** The features as floats; for a set of pixels, decoded on the first call of {@link #features()}. */
    private float[] features;
    /** Pixels (0-255) of a set read from IDX files, or null; feature = {@code (pixel / 255 - mean) / std}. */
    private final byte[] pixels;
    private final float mean;
    private final float std;
    /** Decodes the pixels of a batch into features. */
    private final PixelDecoder decoder;
    private final boolean normalized;
    private final int count;
    private final int featureSize;
    private final float[] targets;
    private final int targetSize;
    private final int classes;
    private final List<String> classNames;

    /**
     * @param name        for messages, for example {@code fashion_mnist train}
     * @param features    {@code count * featureSize} values (not copied: the caller hands them over)
     * @param featureSize features per sample
     * @param targets     {@code count * targetSize} values (not copied)
     * @param targetSize  targets per sample
     * @param classes     number of classes, 0 for regression
     * @param classNames  a name per class, or empty
     */
    public Dataset(String name, float[] features, int featureSize, float[] targets, int targetSize, int classes,
                   List<String> classNames) {
        this(name, features, null, 0f, 1f, false, featureSize, targets, targetSize, classes, classNames);
    }

    /**
     * A classification set of pixels, one target (the class index) per sample: features are
     * {@code (pixel & 0xff) / 255}, and after {@link #normalize} {@code ((pixel & 0xff) / 255 - mean) / std}, computed
     * as floats exactly as for a set built from those floats.
     */
    static Dataset ofPixels(String name, byte[] pixels, int featureSize, float[] targets, int classes,
                            List<String> classNames) {
        return new Dataset(name, null, pixels, 0f, 1f, false, featureSize, targets, 1, classes, classNames);
    }

    private Dataset(String name, float[] features, byte[] pixels, float mean, float std, boolean normalized,
                    int featureSize, float[] targets, int targetSize, int classes, List<String> classNames) {
        if (featureSize <= 0 || targetSize <= 0) {
            throw new IllegalArgumentException("featureSize and targetSize must be positive");
        }
        int values = features != null ? features.length : pixels.length;
        if (values % featureSize != 0 || targets.length % targetSize != 0
                || values / featureSize != targets.length / targetSize) {
            throw new IllegalArgumentException(name + ": " + values + " feature values and "
                    + targets.length + " target values do not make whole samples of " + featureSize + " and "
                    + targetSize);
        }
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + classes
                    + " classes");
        }
        this.name = name;
        this.features = features;
        this.pixels = pixels;
        this.mean = mean;
        this.std = std;
        this.decoder = pixels == null ? null : PixelDecoder.create(mean, std);
        this.normalized = normalized;
        this.count = values / featureSize;
        this.featureSize = featureSize;
        this.targets = targets;
        this.targetSize = targetSize;
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
    }

    public String name() {
        return name;
    }

    public int count() {
        return count;
    }

    public int featureSize() {
        return featureSize;
    }

    public int targetSize() {
        return targetSize;
    }

    /** Number of classes, 0 for a regression set. */
    public int classes() {
        return classes;
    }

    /** A name per class (Fashion-MNIST's "T-shirt/top", ...), or empty when the source has none. */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code index}, or the index as text when the set has no names. */
    public String className(int index) {
        return classNames.isEmpty() ? Integer.toString(index) : classNames.get(index);
    }

    /**
     * The backing feature array, {@code count * featureSize}; read it, do not change it. A set of pixels decodes
     * all of them on the first call and keeps the floats, four bytes per pixel (31 MB for Fashion-MNIST's test
     * set): for a few samples, use {@link #features(int, int)}.
     */
    public synchronized float[] features() {
        if (features == null) {
            features = features(0, count);
        }
        return features;
    }

    /**
     * The features of samples {@code [from, from + samples)} in a new array, decoded from the pixels of a set of
     * pixels without decoding or keeping the others.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= from + samples <= count()}
     */
    public float[] features(int from, int samples) {
        Objects.checkFromIndexSize(from, samples, count());
        float[] copy = new float[samples * featureSize];
        for (int i = 0; i < samples; i++) {
            copyFeatures(from + i, copy, i * featureSize);
        }
        return copy;
    }

    /**
     * Reads one byte of every cache line of a sample's pixels and returns their sum (which the caller keeps, so
     * that the reads are not optimized away); does nothing for a set of floats. The data loader calls it for a
     * whole batch before decoding it: the batch's scattered rows are then fetched from memory with many reads
     * in flight, not one row after the other (a batch of 64 Fashion-MNIST images: ~20 -> ~13 us).
     */
    int prefetch(int sample) {
        if (pixels == null) {
            return 0;
        }
        int from = sample * featureSize;
        int sum = 0;
        for (int i = 0; i < featureSize; i += 64) {
            sum += pixels[from + i];
        }
        return sum;
    }

    /**
     * Copies the features of one sample to {@code to} at {@code at}; for a set of pixels this decodes them without
     * keeping the floats of the whole set (what the {@link DataLoader} uses).
     */
    void copyFeatures(int sample, float[] to, int at) {
        int from = sample * featureSize;
        if (pixels == null) {
            System.arraycopy(features, from, to, at, featureSize);
            return;
        }
        decoder.decode(pixels, from, to, at, featureSize);
    }

    /** The backing target array, {@code count * targetSize}; read it, do not change it. */
    public float[] targets() {
        return targets;
    }

    /** The first {@code n} samples (all of them when {@code n >= count()}). */
    public Dataset first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + n);
        }
        if (n >= count()) {
            return this;
        }
        return select(name, identity(n));
    }

    /**
     * Splits off a random {@code fraction} of the samples, chosen by {@code seed}: {@link Splits#test()} holds
     * that fraction (rounded, at least one sample), {@link Splits#train()} the rest, each in the original order.
     */
    public Splits split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new DataException(name + ": a validation split must be a fraction between 0 and 1, not "
                    + fraction);
        }
        int held = (int) Math.max(1, Math.round(count() * fraction));
        if (held >= count()) {
            throw new DataException(name + ": cannot split " + fraction + " of " + count()
                    + " samples and keep any for training");
        }
        int[] order = identity(count());
        shuffle(order, new SplittableRandom(seed));
        int[] heldOut = Arrays.copyOfRange(order, 0, held);
        int[] kept = Arrays.copyOfRange(order, held, order.length);
        Arrays.sort(heldOut);
        Arrays.sort(kept);
        return new Splits(select(name, kept), select(name + " (validation split)", heldOut));
    }

    /** A copy with every feature replaced by {@code (x - mean) / std}, computed in float like PyTorch. */
    public Dataset normalize(double mean, double std) {
        if (!(std > 0)) {
            throw new DataException(name + ": normalize needs a positive std, not " + std);
        }
        float m = (float) mean;
        float s = (float) std;
        if (pixels != null && !normalized) {
            return new Dataset(name, null, pixels, m, s, true, featureSize, targets, targetSize, classes, classNames);
        }
        float[] values = features();
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = (values[i] - m) / s;
        }
        return new Dataset(name, scaled, featureSize, targets, targetSize, classes, classNames);
    }

    /** Fisher-Yates shuffle of {@code order} in place, the one permutation every part of the runtime uses. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private Dataset select(String newName, int[] rows) {
        float[] y = new float[rows.length * targetSize];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(targets, rows[r] * targetSize, y, r * targetSize, targetSize);
        }
        if (pixels != null) {
            byte[] p = new byte[rows.length * featureSize];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(pixels, rows[r] * featureSize, p, r * featureSize, featureSize);
            }
            return new Dataset(newName, null, p, mean, std, normalized, featureSize, y, targetSize, classes,
                    classNames);
        }
        float[] x = new float[rows.length * featureSize];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(features, rows[r] * featureSize, x, r * featureSize, featureSize);
        }
        return new Dataset(newName, x, featureSize, y, targetSize, classes, classNames);
    }

    @Override
    public String toString() {
        return name + " (" + count() + " samples, " + featureSize + " features"
                + (classes > 0 ? ", " + classes + " classes)" : ", regression)");
    }
}
