package dev.neurite.cli;

import dev.neurite.cli.plot.LossPlot;
import dev.neurite.compiler.codegen.GeneratedModels;
import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.checkpoint.Checkpoint;
import dev.neurite.runtime.cpu.KernelWarmUp;
import dev.neurite.runtime.data.Datasets;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.train.EpochResult;
import dev.neurite.runtime.train.Evaluator;
import dev.neurite.runtime.train.Metrics;
import dev.neurite.runtime.train.TrainSpec;
import dev.neurite.runtime.train.Trainer;
import dev.neurite.runtime.train.TrainingResult;
import dev.neurite.runtime.train.Validation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code neurite train FILE}: compiles the model in memory and trains it as its {@code train} block says, with a
 * progress bar per epoch, one table row per epoch, and at the end the test metrics and the files written.
 */
@Command(name = "train", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Compiles a model in memory and trains it on the data its train block names.")
final class TrainCommand implements Callable<Integer> {

    /** Samples per forward pass when evaluating: larger batches run faster and change no result. */
    static final int EVAL_BATCH = 256;
    /** Models this small train fast from the first step: warming the kernels up would not pay. */
    private static final long WARM_UP_MIN_PARAMETERS = 50_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .nn file")
    Path file;

    @Option(names = "--model", paramLabel = "NAME",
            description = "which model of the file (default: the only one with a train block)")
    String modelName;

    @Option(names = "--epochs", paramLabel = "N", description = "override the train block's epochs")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "override the train block's batch size")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "override the optimizer's learning rate")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", description = "override the train block's seed")
    Long seed;

    @Option(names = "--limit", paramLabel = "N", description = "train on the first N training samples only")
    Integer limit;

    @Option(names = "--out", paramLabel = "DIR", description = "where checkpoints and plots go (default: runs/MODEL)")
    Path outputDir;

    @Option(names = "--resume", paramLabel = "CKPT",
            description = "continue from a checkpoint written by an earlier run")
    Path resume;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the data files are (default: the dataset's usual place)")
    Path dataDir;

    @Option(names = "--no-progress", description = "no progress bar (it is off anyway when stderr is not a terminal)")
    boolean noProgress;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "also measure inference and write timings, accuracy and peak memory as JSON (for benchmarks)")
    Path metricsFile;

    @CommandLine.Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        long compileStart = System.nanoTime();
        SpecFile specFile = SpecFile.read(file, err, false);
        Model model = specFile.model(modelName);
        TrainSpec training = overrides(specFile.training(model));
        // The JIT compiles the CPU kernels on the other core while the model is generated (and compiled by javac,
        // unless it is in the class cache) and the data loads here.
        KernelWarmUp warmUp = deviceOptions.isCpu() && model.parameterCount() >= WARM_UP_MIN_PARAMETERS
                ? KernelWarmUp.start(deviceOptions.cpuThreads(), Datasets.sampleBatchDecoding()) : null;
        try {
            compileAndTrain(out, specFile, model, training, compileStart, warmUp);
        } finally {
            if (warmUp != null) {
                warmUp.close();
            }
        }
        return Main.OK;
    }

    /**
     * Compiles {@code model}, loads the data and trains, stopping {@code warmUp} (if any) before the first step
     * so that it never competes with training.
     */
    private void compileAndTrain(PrintWriter out, SpecFile specFile, Model model, TrainSpec training,
                                 long compileStart, KernelWarmUp warmUp) throws IOException {
        GeneratedModels.Factory factory = specFile.compile(model, lr);
        double compileSeconds = (System.nanoTime() - compileStart) / 1e9;

        Path outDir = outputDir != null ? outputDir : Path.of("runs", model.name());
        try (Backend backend = deviceOptions.open()) {
            int maxBatch = Math.max(training.batchSize(), metricsFile == null ? EVAL_BATCH : MetricsFile.LARGE_BATCH);
            AbstractModel instance = factory.create(backend, maxBatch, training.seed());
            double startupSeconds = MetricsFile.uptimeSeconds(); // JVM start to a model ready to train, data aside
            Splits data = Trainer.loadData(training, instance.info(), dataDir);
            if (limit != null) {
                if (limit < 1) {
                    throw new CliException(Main.USAGE_OR_IO, "--limit must be positive, got " + limit);
                }
                data = data.limitTraining(limit);
            }
            out.printf(Locale.ROOT, "%s: %,d parameters, %s in %.2f s; %s%n", model.name(),
                    model.parameterCount(), factory.fromCache() ? "loaded from the class cache" : "compiled",
                    compileSeconds, backend.name());
            String heldOut = training.validation().kind() != Validation.Kind.SPLIT ? ""
                    : String.format(Locale.ROOT, " (%.0f%% held out for validation)",
                            100 * training.validation().fraction());
            out.printf(Locale.ROOT, "data: %s, %,d training samples%s%s; batch %d, %d epoch%s, seed %d%n",
                    training.data().kind(), data.train().count(), heldOut,
                    data.test() == null ? "" : String.format(Locale.ROOT, ", %,d test samples", data.test().count()),
                    training.batchSize(), training.epochs(), training.epochs() == 1 ? "" : "s", training.seed());
            out.flush();

            EpochTable table = new EpochTable(out, !noProgress && System.console() != null,
                    training.epochs());
            Trainer trainer = new Trainer(instance, training).listener(table).checkpointDir(outDir);
            if (warmUp != null) {
                warmUp.close();
            }
            double firstStepSeconds = MetricsFile.uptimeSeconds();
            TrainingResult result = resume != null ? trainer.resume(data, resume) : trainer.train(data);

            report(out, instance, data, training, result, outDir);
            if (metricsFile != null) {
                Metrics test = data.test() == null ? null : Evaluator.evaluate(instance, data.test(), EVAL_BATCH);
                MetricsFile.write(metricsFile, instance, data.test(), data.train().count(), result, test,
                        compileSeconds, startupSeconds, firstStepSeconds);
            }
        }
    }

    private TrainSpec overrides(TrainSpec training) {
        TrainSpec result = training;
        if (epochs != null) {
            if (epochs < 1) {
                throw new CliException(Main.USAGE_OR_IO, "--epochs must be positive, got " + epochs);
            }
            result = result.withEpochs(epochs);
        }
        if (batch != null) {
            if (batch < 1) {
                throw new CliException(Main.USAGE_OR_IO, "--batch must be positive, got " + batch);
            }
            result = result.withBatchSize(batch);
        }
        if (seed != null) {
            result = result.withSeed(seed);
        }
        return result;
    }

    private static void report(PrintWriter out, AbstractModel model, Splits data, TrainSpec training,
                               TrainingResult result, Path outDir) throws IOException {
        List<Double> trainLoss = new ArrayList<>();
        List<Double> validationLoss = new ArrayList<>();
        for (EpochResult epoch : result.epochs()) {
            trainLoss.add(epoch.trainLoss());
            validationLoss.add(epoch.validationLoss());
        }
        out.println();
        if (data.test() != null) {
            Metrics test = Evaluator.evaluate(model, data.test(), EVAL_BATCH);
            out.printf(Locale.ROOT, "test: loss %.4f%s on %,d samples%n", test.loss(),
                    test.hasAccuracy() ? String.format(Locale.ROOT, ", accuracy %.4f", test.accuracy()) : "",
                    test.count());
            if (data.test().featureSize() == 784) {
                Path grid = outDir.resolve("samples.png");
                Samples.writeGrid(grid, model, data.test(), training);
                out.println("samples:    " + grid);
            }
        }
        if (!trainLoss.isEmpty()) {
            Path plot = outDir.resolve("loss.png");
            LossPlot.write(plot, model.info().name() + ": loss per epoch", trainLoss, validationLoss);
            out.println("loss plot:  " + plot);
        }
        if (result.epochs().isEmpty()) {
            // Only a resumed run can have no epoch left; result.checkpoint() is then the one it resumed from.
            String done = Checkpoint.readMetadata(result.checkpoint()).get(Checkpoint.EPOCH);
            out.printf(Locale.ROOT, "nothing to train: the run in %s had already finished epoch %s, and this run"
                    + " ends at epoch %d; the checkpoint is left unchanged (pass --epochs %d or more to train"
                    + " further)%n", result.checkpoint(), done, training.epochs(), Integer.parseInt(done) + 1);
        } else if (result.checkpoint() != null) {
            out.println("checkpoint: " + result.checkpoint());
        }
        out.flush();
    }
}
