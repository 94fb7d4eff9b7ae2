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
}
