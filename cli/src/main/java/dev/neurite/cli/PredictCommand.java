package dev.neurite.cli;

import dev.neurite.runtime.data.CsvReader;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.train.TrainSpec;
import dev.neurite.runtime.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neurite predict FILE --weights CKPT --input X}: the class a trained model predicts for one sample and its
 * probabilities (for a model trained with {@code mse}: its output values). The sample is a test-set index
 * ({@code 17} or {@code test:17}), a PNG image of the input's size (grayscale; for Fashion-MNIST a light garment
 * on a dark background, as in the dataset), or a CSV file whose first row holds the features.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Predicts the class of one sample: a test-set index, a PNG image or a CSV row.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .nn file the weights were trained from")
    Path file;

    @Option(names = "--weights", required = true, paramLabel = "CKPT", description = "a checkpoint (.safetensors)")
    Path weights;

    @Option(names = "--input", required = true, paramLabel = "X",
            description = "a test-set index (17 or test:17), a .png image, or a .csv file (first row)")
    String input;

    @Option(names = "--model", paramLabel = "NAME", description = "which model of the file")
    String modelName;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data files are (for an index)")
    Path dataDir;

    @CommandLine.Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRun run = ModelRun.load(file, modelName, weights, deviceOptions, spec.commandLine().getErr())) {
            int size = run.instance.info().inputSize();
            Sample sample = sample(run, size);
            if (run.instance.info().loss() == LossKind.MSE) {
                // A regression (or perceptron) output is a value, not a class with probabilities.
                float[] outputs = new float[run.instance.info().outputSize()];
                run.instance.forward(sample.features, 1, outputs);
                StringBuilder values = new StringBuilder();
                for (float value : outputs) {
                    values.append(values.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", value));
                }
                out.printf("%s: output %s%s%n", sample.description, values,
                        sample.truth < 0 ? "" : "   (true class: " + sample.truth + ")");
                out.flush();
                return Main.OK;
            }
            float[] probabilities = run.instance.predictProbabilities(sample.features, 1);
            int predicted = run.instance.predict(sample.features, 1)[0];
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < probabilities.length; c++) {
                order.add(c);
            }
            order.sort(Comparator.comparingDouble(c -> -probabilities[c]));
            out.printf("%s: %s%s%n", sample.description, sample.className(predicted),
                    sample.truth < 0 ? "" : "   (true: " + sample.className(sample.truth) + ")");
            for (int c : order) {
                out.printf(Locale.ROOT, "  %-14s %.4f%n", sample.className(c), probabilities[c]);
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The features of the requested sample, normalised as in training, with its label when known. */
    private record Sample(String description, float[] features, int truth, List<String> classNames) {
        String className(int c) {
            return c < classNames.size() ? c + " " + classNames.get(c) : Integer.toString(c);
        }
    }

    private Sample sample(ModelRun run, int size) throws IOException {
        String index = input.startsWith("test:") ? input.substring("test:".length()) : input;
        TrainSpec training = run.training();
        if (index.matches("\\d+")) {
            Splits data = Trainer.loadData(training, run.instance.info(), dataDir);
            Dataset test = data.test() != null ? data.test() : data.train();
            int i = Integer.parseInt(index);
            if (i >= test.count()) {
                throw new CliException(Main.USAGE_OR_IO, "--input " + input + ": the test set has samples 0.."
                        + (test.count() - 1));
            }
            float[] features = test.features(i, 1);
            int truth = test.classes() > 0 ? (int) test.targets()[i * test.targetSize()] : -1;
            return new Sample("test sample " + i, features, truth, test.classNames());
        }
        Path path = Path.of(input);
        if (!Files.isRegularFile(path)) {
            throw new CliException(Main.USAGE_OR_IO, "--input " + input
                    + ": not a test-set index and no such file (expected 17, test:17, image.png or row.csv)");
        }
        float[] features;
        if (input.toLowerCase(Locale.ROOT).endsWith(".png")) {
            features = png(path, run.instance.info().inputShape());
        } else if (input.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            features = CsvReader.readFirstRow(path);
            if (features.length != size) {
                throw new CliException(Main.HAS_ERRORS, path + " has " + features.length + " columns but "
                        + run.model.name() + " takes " + size + " inputs");
            }
        } else {
            throw new CliException(Main.USAGE_OR_IO, "--input " + input + ": expected a .png or .csv file");
        }
        if (training.normalizes()) {
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) ((features[i] - training.normalizeMean()) / training.normalizeStd());
            }
        }
        return new Sample(path.toString(), features, -1, classNames(training));
    }

    private static List<String> classNames(TrainSpec training) {
        String kind = training.data().kind();
        return kind.equals("fashion_mnist") ? Dataset.FASHION_MNIST_CLASSES : List.of();
    }

    /** The mean of an sRGB pixel's three channels, 0..255. */
    private static int luminance(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
    }

    /** A grayscale PNG as pixels in [0, 1]; its size must match the model's input. */
    private static float[] png(Path path, List<Integer> shape) throws IOException {
        BufferedImage image = ImageIO.read(path.toFile());
        if (image == null) {
            throw new CliException(Main.HAS_ERRORS, path + " is not a readable PNG image");
        }
        int height = shape.size() == 2 ? shape.get(0) : (int) Math.round(Math.sqrt(shape.get(0)));
        int width = shape.size() == 2 ? shape.get(1) : height;
        if (image.getWidth() != width || image.getHeight() != height || width * height != shape.stream()
                .reduce(1, (a, b) -> a * b)) {
            throw new CliException(Main.HAS_ERRORS, path + " is " + image.getWidth() + "×" + image.getHeight()
                    + " but the model takes " + shape + " images");
        }
        float[] pixels = new float[width * height];
        boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // A grayscale PNG's own values: getRGB would pass them through a colour-space conversion.
                int value = gray ? image.getRaster().getSample(x, y, 0) : luminance(image.getRGB(x, y));
                pixels[y * width + x] = value / 255f;
            }
        }
        return pixels;
    }
}
