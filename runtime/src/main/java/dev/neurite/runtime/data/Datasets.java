package dev.neurite.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the data a {@code train} block names ({@link DataSpec}) into training and test sets.
 *
 * <p>Sources:
 * <ul>
 *   <li>{@code fashion_mnist}: the four IDX files of Debian's {@code dataset-fashion-mnist} package in
 *       {@value #FASHION_MNIST_DIR}, or in {@code dir} / the data directory;</li>
 *   <li>{@code mnist}: the same four files (MNIST's names) in {@code dir} or the data directory;</li>
 *   <li>{@code idx(train_images, train_labels, test_images, test_labels)}: any four IDX files (the test pair
 *       optional);</li>
 *   <li>{@code csv(path, label, test)}: see {@link CsvReader};</li>
 *   <li>{@code spiral}, {@code vertical}, {@code xor}, {@code linear}: see {@link SyntheticData}. Their test
 *       set is a second draw with {@code seed + 1} (XOR's is its four points again); the default seed is 0, the
 *       seed of the course's {@code nnfs.init()}.</li>
 * </ul>
 */
public final class Datasets {

    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The names of MNIST's and Fashion-MNIST's files, for messages. */
    private static final String FOUR_FILES = TRAIN_IMAGES + ".gz, " + TRAIN_LABELS + ".gz, " + TEST_IMAGES
            + ".gz and " + TEST_LABELS + ".gz";

    private Datasets() {
    }

    /**
     * Work for a JIT warm-up (see {@code KernelWarmUp}): each run decodes one made-up batch of 64 images of 28x28
     * pixels, the data loader's work on every step of an image set. Until C2 has compiled the vector decoder it
     * runs as Java code that allocates per operation, ~270 instead of ~15 us per batch. The batch is allocated
     * once, here.
     */
    public static Runnable sampleBatchDecoding() {
        PixelDecoder decoder = PixelDecoder.create(0.2860f, 0.3530f);
        byte[] pixels = new byte[64 * 784];
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        return () -> {
            for (int image = 0; image < 64; image++) {
                decoder.decode(pixels, image * 784, features, image * 784, 784);
            }
        };
    }

    /**
     * Loads the sets {@code spec} names.
     *
     * @param dataDir      overrides the directory of {@code fashion_mnist} and {@code mnist} (the CLI's
     *                     {@code --data-dir}), and is the base of relative paths in {@code idx(...)} and
     *                     {@code csv(...)}; null for the defaults
     * @param classTargets whether targets are class indices (true unless the model's loss is {@code mse}); only
     *                     CSV files need to be told, the other sources know
     * @throws DataException when a file is missing or malformed, or the spec is incomplete
     */
    public static Splits load(DataSpec spec, Path dataDir, boolean classTargets) {
        return switch (spec.kind()) {
            case "fashion_mnist" -> fashionMnist(directory(spec, dataDir, Path.of(FASHION_MNIST_DIR)));
            case "mnist" -> mnist(directory(spec, dataDir, null));
            case "idx" -> idx(resolve(dataDir, required(spec, "train_images")),
                    resolve(dataDir, required(spec, "train_labels")),
                    resolve(dataDir, optional(spec, "test_images")),
                    resolve(dataDir, optional(spec, "test_labels")));
            case "csv" -> csv(spec, dataDir, classTargets);
            case "spiral" -> synthetic(seed -> SyntheticData.spiral(samples(spec), classes(spec), seed), spec);
            case "vertical" -> synthetic(seed -> SyntheticData.vertical(samples(spec), classes(spec), seed), spec);
            case "linear" -> synthetic(seed -> SyntheticData.linear(samples(spec), spec.number("slope", 2),
                    spec.number("noise", 0), seed), spec);
            case "xor" -> new Splits(SyntheticData.xor(), SyntheticData.xor());
            default -> throw new DataException("unknown data source '" + spec.kind() + "'; expected one of "
                    + "fashion_mnist, mnist, idx, csv, spiral, vertical, xor, linear");
        };
    }

    /** Fashion-MNIST's training and test sets from {@code dir}, with the class names. */
    public static Splits fashionMnist(Path dir) {
        String hint = fashionMnistHint(dir);
        return new Splits(
                IdxReader.read("fashion_mnist train", find(dir, TRAIN_IMAGES, hint), find(dir, TRAIN_LABELS, hint),
                        10, Dataset.FASHION_MNIST_CLASSES),
                IdxReader.read("fashion_mnist test", find(dir, TEST_IMAGES, hint), find(dir, TEST_LABELS, hint),
                        10, Dataset.FASHION_MNIST_CLASSES));
    }

    /**
     * How to get the Fashion-MNIST files into {@code dir}: the Debian package for its own folder; for a folder
     * the user chose ({@code --data-dir} or {@code dir = "..."}), which files go there.
     */
    static String fashionMnistHint(Path dir) {
        if (dir.equals(Path.of(FASHION_MNIST_DIR))) {
            return "install it with: sudo apt-get install dataset-fashion-mnist (or pass --data-dir DIR)";
        }
        return "put the four Fashion-MNIST files (" + FOUR_FILES + ", gzipped or not) into " + dir
                + ", or leave the directory out to use those of: sudo apt-get install dataset-fashion-mnist";
    }

    /** MNIST's training and test sets from {@code dir} (digits 0..9). */
    public static Splits mnist(Path dir) {
        if (dir == null) {
            throw new DataException("mnist needs the directory of its files: write mnist(dir = \"...\") or pass "
                    + "--data-dir DIR, with " + FOUR_FILES + " in it");
        }
        String hint = "put the four MNIST files (" + FOUR_FILES + ", gzipped or not) into " + dir;
        return new Splits(
                IdxReader.read("mnist train", find(dir, TRAIN_IMAGES, hint), find(dir, TRAIN_LABELS, hint), 10,
                        List.of()),
                IdxReader.read("mnist test", find(dir, TEST_IMAGES, hint), find(dir, TEST_LABELS, hint), 10,
                        List.of()));
    }

    /**
     * Any IDX image/label files; {@code testImages} and {@code testLabels} may both be null. The class count is
     * the largest label of either set plus one.
     */
    public static Splits idx(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        if ((testImages == null) != (testLabels == null)) {
            throw new DataException("idx: give both test_images and test_labels, or neither");
        }
        int classes = IdxReader.countClasses(trainLabels);
        if (testLabels != null) {
            classes = Math.max(classes, IdxReader.countClasses(testLabels));
        }
        Dataset train = IdxReader.read("idx train", trainImages, trainLabels, classes, List.of());
        Dataset test = testImages == null ? null
                : IdxReader.read("idx test", testImages, testLabels, classes, List.of());
        return new Splits(train, test);
    }

    private static Splits csv(DataSpec spec, Path dataDir, boolean classTargets) {
        Path path = resolve(dataDir, required(spec, "path"));
        Object label = spec.args().get("label");
        CsvReader.LabelColumn column = label instanceof String name ? CsvReader.LabelColumn.named(name)
                : label instanceof Number index ? CsvReader.LabelColumn.at(index.intValue())
                : CsvReader.LabelColumn.last();
        Dataset train = CsvReader.read(path, column, classTargets, 0);
        Path testPath = resolve(dataDir, optional(spec, "test"));
        if (testPath == null) {
            return new Splits(train, null);
        }
        Dataset test = CsvReader.read(testPath, column, classTargets, train.classes());
        if (test.featureSize() != train.featureSize()) {
            throw new DataException(testPath.getFileName() + ": has " + test.featureSize()
                    + " feature columns but " + path.getFileName() + " has " + train.featureSize());
        }
        if (test.classes() > train.classes()) {
            train = new Dataset(train.name(), train.features(), train.featureSize(), train.targets(), 1,
                    test.classes(), List.of());
        }
        return new Splits(train, test);
    }

    private interface Generator {
        Dataset generate(long seed);
    }

    private static Splits synthetic(Generator generator, DataSpec spec) {
        long seed = (long) spec.number("seed", 0);
        return new Splits(generator.generate(seed), generator.generate(seed + 1));
    }

    private static int samples(DataSpec spec) {
        return (int) spec.number("samples", 100);
    }

    private static int classes(DataSpec spec) {
        return (int) spec.number("classes", 3);
    }

    private static Path directory(DataSpec spec, Path dataDir, Path fallback) {
        if (dataDir != null) {
            return dataDir;
        }
        String dir = spec.text("dir", null);
        return dir != null ? Path.of(dir) : fallback;
    }

    /** {@code dir/name.gz}, else {@code dir/name}; a missing file is an error that says how to get it. */
    private static Path find(Path dir, String name, String hint) {
        Path gzipped = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DataException("missing " + gzipped + "; " + hint);
    }

    private static String required(DataSpec spec, String name) {
        String value = spec.text(name, null);
        if (value == null) {
            throw new DataException(spec.kind() + "(...) needs " + name + " = \"...\"");
        }
        return value;
    }

    private static String optional(DataSpec spec, String name) {
        return spec.text(name, null);
    }

    private static Path resolve(Path dataDir, String path) {
        if (path == null) {
            return null;
        }
        return dataDir == null ? Path.of(path) : dataDir.resolve(path);
    }
}
