package dev.neurite.runtime.train;

import dev.neurite.runtime.data.DataSpec;

/**
 * Everything a {@code train} block says, defaults filled in.
 *
 * @param model      the model block this trains
 * @param data       where the samples come from
 * @param epochs     passes over the training set (default 5)
 * @param batchSize  samples per step (default 64)
 * @param shuffle    reshuffle the training set each epoch (default true)
 * @param seed       seeds initialisation, shuffling and dropout (default 42)
 * @param validation what the per-epoch validation numbers are measured on (default the test split)
 * @param normalizeMean after scaling pixels to [0, 1], subtract this ... (NaN when the block has no normalize)
 * @param normalizeStd  ... and divide by this (NaN when absent)
 */
public record TrainSpec(String model, DataSpec data, int epochs, int batchSize, boolean shuffle, long seed,
                        Validation validation, double normalizeMean, double normalizeStd) {

    public boolean normalizes() {
        return !Double.isNaN(normalizeMean);
    }

    /** This spec with another number of epochs (the CLI's {@code --epochs}). */
    public TrainSpec withEpochs(int epochs) {
        return new TrainSpec(model, data, epochs, batchSize, shuffle, seed, validation, normalizeMean, normalizeStd);
    }

    /** This spec with another batch size (the CLI's {@code --batch}). */
    public TrainSpec withBatchSize(int batchSize) {
        return new TrainSpec(model, data, epochs, batchSize, shuffle, seed, validation, normalizeMean, normalizeStd);
    }

    /** This spec with another seed (the CLI's {@code --seed}). */
    public TrainSpec withSeed(long seed) {
        return new TrainSpec(model, data, epochs, batchSize, shuffle, seed, validation, normalizeMean, normalizeStd);
    }

    /** This spec with other validation (the CLI's {@code --validation}). */
    public TrainSpec withValidation(Validation validation) {
        return new TrainSpec(model, data, epochs, batchSize, shuffle, seed, validation, normalizeMean, normalizeStd);
    }
}
