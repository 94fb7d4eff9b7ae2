package dev.neurite.cli;

import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.train.Evaluator;
import dev.neurite.runtime.train.Metrics;
import dev.neurite.runtime.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neurite eval FILE --weights CKPT}: loss and accuracy of trained weights on the test split, per-class
 * accuracy and the confusion matrix.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Evaluates trained weights on the test data: loss, accuracy, per-class accuracy, confusion.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .nn file the weights were trained from")
    Path file;

    @Option(names = "--weights", required = true, paramLabel = "CKPT", description = "a checkpoint (.safetensors)")
    Path weights;

    @Option(names = "--model", paramLabel = "NAME", description = "which model of the file")
    String modelName;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data files are")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "evaluate the first N test samples only")
    Integer limit;

    @CommandLine.Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelRun run = ModelRun.load(file, modelName, weights, deviceOptions, spec.commandLine().getErr())) {
            Splits data = Trainer.loadData(run.training(), run.instance.info(), dataDir);
            Dataset test = data.test() != null ? data.test() : data.train();
            String split = data.test() != null ? "test" : "training";
            if (limit != null) {
                if (limit < 1) {
                    throw new CliException(Main.USAGE_OR_IO, "--limit must be positive, got " + limit);
                }
                test = test.first(Math.min(limit, test.count()));
            }
            Metrics metrics = Evaluator.evaluate(run.instance, test, TrainCommand.EVAL_BATCH);
            out.printf(Locale.ROOT, "%s on %,d %s samples: loss %.4f%s%n", run.model.name(), metrics.count(), split,
                    metrics.loss(), metrics.hasAccuracy()
                            ? String.format(Locale.ROOT, ", accuracy %.4f", metrics.accuracy()) : "");
            if (metrics.hasAccuracy()) {
                printPerClass(out, metrics);
                printConfusion(out, metrics);
            }
        }
        out.flush();
        return Main.OK;
    }

    private static void printPerClass(PrintWriter out, Metrics metrics) {
        out.println();
        out.printf(Locale.ROOT, "%-14s %8s %8s%n", "class", "samples", "accuracy");
        double[] accuracy = metrics.perClassAccuracy();
        for (int c = 0; c < metrics.classes(); c++) {
            int samples = 0;
            for (int predicted = 0; predicted < metrics.classes(); predicted++) {
                samples += metrics.confusion()[c][predicted];
            }
            out.printf(Locale.ROOT, "%-14s %8d %8s%n", name(metrics, c), samples,
                    samples == 0 ? "-" : String.format(Locale.ROOT, "%.4f", accuracy[c]));
        }
    }

    private static void printConfusion(PrintWriter out, Metrics metrics) {
        int classes = metrics.classes();
        out.println();
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s", ""));
        for (int c = 0; c < classes; c++) {
            header.append(String.format(Locale.ROOT, " %6d", c));
        }
        out.println(header);
        for (int actual = 0; actual < classes; actual++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", actual + " " + name(metrics,
                    actual)));
            for (int predicted = 0; predicted < classes; predicted++) {
                row.append(String.format(Locale.ROOT, " %6d", metrics.confusion()[actual][predicted]));
            }
            out.println(row);
        }
    }

    private static String name(Metrics metrics, int c) {
        String name = metrics.classNames().isEmpty() ? Integer.toString(c) : metrics.classNames().get(c);
        return name.length() > 12 ? name.substring(0, 12) : name;
    }
}
