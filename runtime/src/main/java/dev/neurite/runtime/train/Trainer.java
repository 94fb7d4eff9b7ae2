package dev.neurite.runtime.train;

import dev.neurite.runtime.checkpoint.Checkpoint;
import dev.neurite.runtime.checkpoint.CheckpointException;
import dev.neurite.runtime.data.DataLoader;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.data.Datasets;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.model.Model;
import dev.neurite.runtime.model.ModelInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link Model} as a {@link TrainSpec} says: epochs of shuffled batches, validation after each epoch,
 * a checkpoint after each epoch, and a report of every step to a {@link TrainingListener}.
 *
 * <pre>{@code
 * Splits data = Trainer.loadData(spec, model.info(), null);
 * TrainingResult result = new Trainer(model, spec)
 *         .listener(progress)
 *         .checkpointDir(Path.of("out"))
 *         .train(data);
 * }</pre>
 *
 * <p>Runs are reproducible: epoch {@code e} visits the samples in an order fixed by {@code (seed, e)}, so
 * training 2 epochs and {@link #resume resuming} for a third gives the same parameters, bit for bit, as 3 epochs
 * straight (given a deterministic model and backend).
 *
 * <p>Validation: {@link Validation#TEST} measures on {@link Splits#test()} (no validation numbers when the source
 * has no test set), {@code split(f)} holds out a fraction {@code f} of the training set chosen by the seed, and
 * {@link Validation#NONE} skips it. A step whose loss is NaN or infinite stops the run with a
 * {@link TrainingDivergedException}; the checkpoint of the last completed epoch stays as it was.
 */
public final class Trainer {

    /** The file written into the checkpoint directory after every epoch. */
    public static final String LAST_CHECKPOINT = "last.safetensors";

    /** Checkpoint metadata key of the batch size, which with the seed fixes every epoch's data order. */
    public static final String BATCH_SIZE = "batch_size";

    private final Model model;
    private final TrainSpec spec;
    private TrainingListener listener = new TrainingListener() { };
    private Path checkpointDir;

    public Trainer(Model model, TrainSpec spec) {
        if (spec.batchSize() <= 0 || spec.epochs() < 0) {
            throw new TrainingException("batch must be positive and epochs not negative (batch " + spec.batchSize()
                    + ", epochs " + spec.epochs() + ")");
        }
        if (spec.batchSize() > model.maxBatch()) {
            throw new TrainingException("batch " + spec.batchSize() + " is larger than the " + model.maxBatch()
                    + " samples model " + model.info().name() + " was built for; create it with maxBatch >= "
                    + spec.batchSize());
        }
        this.model = model;
        this.spec = spec;
    }

    /**
     * Loads the data a train block names, as the model needs it: class-index targets unless the model's loss is
     * MSE, and the block's {@code normalize(mean, std)} applied.
     *
     * @param dataDir see {@link Datasets#load}; null for the defaults
     */
    public static Splits loadData(TrainSpec spec, ModelInfo model, Path dataDir) {
        Splits splits = Datasets.load(spec.data(), dataDir, model.loss() != LossKind.MSE);
        return spec.normalizes() ? splits.normalize(spec.normalizeMean(), spec.normalizeStd()) : splits;
    }

    /** Receives progress events (replaces the previous listener). */
    public Trainer listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** Writes {@value #LAST_CHECKPOINT} into {@code dir} after every epoch; null (the default) writes nothing. */
    public Trainer checkpointDir(Path dir) {
        this.checkpointDir = dir;
        return this;
    }

    /** Trains from the model's current parameters for epochs 1 to {@link TrainSpec#epochs()}. */
    public TrainingResult train(Splits data) {
        return run(data, 1, 0, null);
    }

    /**
     * Restores the model from {@code checkpoint} (parameters, optimizer state) and continues with the epoch after
     * the one it was saved at, up to {@link TrainSpec#epochs()}; does nothing when that many epochs are done.
     * Pass the same data, batch size and seed as the interrupted run to reproduce it exactly.
     */
    public TrainingResult resume(Splits data, Path checkpoint) {
        Map<String, String> metadata = Checkpoint.load(checkpoint, model);
        int epoch = (int) number(checkpoint, metadata, Checkpoint.EPOCH);
        long globalStep = number(checkpoint, metadata, Checkpoint.GLOBAL_STEP);
        long seed = number(checkpoint, metadata, Checkpoint.SEED);
        long batchSize = number(checkpoint, metadata, BATCH_SIZE);
        if (seed != spec.seed() || batchSize != spec.batchSize()) {
            // The data order of every epoch follows from (seed, epoch) and the batch size: resuming with others
            // would silently continue a different run.
            throw new TrainingException(checkpoint + " was trained with seed " + seed + " and batch " + batchSize
                    + ", but this run has seed " + spec.seed() + " and batch " + spec.batchSize()
                    + "; resume with the same (--seed " + seed + " --batch " + batchSize + ")");
        }
        return run(data, epoch + 1, globalStep, checkpoint);
    }

    /** Runs epochs {@code firstEpoch..epochs}; {@code lastGood} is the checkpoint to name if the first one diverges. */
    private TrainingResult run(Splits data, int firstEpoch, long globalStep, Path lastGood) {
        Dataset train = data.train();
        Dataset validation = switch (spec.validation().kind()) {
            case TEST -> data.test();
            case NONE -> null;
            case SPLIT -> {
                Splits split = train.split(spec.validation().fraction(), spec.seed());
                train = split.train();
                yield split.test();
            }
        };
        Evaluator.requireCompatible(model.info(), train);
        if (validation != null) {
            Evaluator.requireCompatible(model.info(), validation);
        }
        DataLoader loader = new DataLoader(train, spec.batchSize(), spec.shuffle(), spec.seed(), model.backend());
        Path checkpoint = checkpointDir == null ? null : checkpointDir.resolve(LAST_CHECKPOINT);
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = firstEpoch; epoch <= spec.epochs(); epoch++) {
            long start = System.nanoTime();
            listener.onEpochStart(epoch, loader.batchesPerEpoch());
            loader.startEpoch(epoch);
            double lossSum = 0;
            int step = 0;
            for (int n; (n = loader.nextBatch()) > 0; ) {
                double loss = model.trainStep(loader.inputs(), loader.targets(), n);
                step++;
                globalStep++;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step, loss, lastGood);
                }
                lossSum += loss * n;
                listener.onStep(epoch, step, loss);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            Metrics metrics = validation == null ? null : Evaluator.evaluate(model, validation, spec.batchSize());
            if (checkpoint != null) {
                Checkpoint.save(checkpoint, model, Map.of(
                        Checkpoint.EPOCH, Integer.toString(epoch),
                        Checkpoint.GLOBAL_STEP, Long.toString(globalStep),
                        Checkpoint.SEED, Long.toString(spec.seed()),
                        BATCH_SIZE, Integer.toString(spec.batchSize())));
                lastGood = checkpoint;
            }
            EpochResult result = new EpochResult(epoch, lossSum / train.count(),
                    metrics == null ? Double.NaN : metrics.loss(),
                    metrics == null ? Double.NaN : metrics.accuracy(),
                    (System.nanoTime() - start) / 1e9, train.count() / Math.max(trainSeconds, 1e-9));
            results.add(result);
            listener.onEpochEnd(result);
        }
        return new TrainingResult(results, globalStep, lastGood);
    }

    private static long number(Path checkpoint, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CheckpointException(checkpoint + ": cannot resume: the checkpoint's metadata has no valid '"
                    + key + "' (was it written by the trainer?)");
        }
    }
}
