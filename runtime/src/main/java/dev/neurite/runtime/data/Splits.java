package dev.neurite.runtime.data;

/**
 * A training set and the set it is measured on.
 *
 * @param train the samples to train on
 * @param test  the held-out samples: the source's test set, or the fraction cut off by
 *              {@link Dataset#split(double, long)}; null when the source has none
 */
public record Splits(Dataset train, Dataset test) {

    public Splits {
        if (train == null) {
            throw new IllegalArgumentException("train must not be null");
        }
    }

    /** Both sets cut to their first {@code limit} samples (for quick runs with {@code --limit}). */
    public Splits limit(int limit) {
        return new Splits(train.first(limit), test == null ? null : test.first(limit));
    }

    /** Both sets with every feature replaced by {@code (x - mean) / std} (see {@link Dataset#normalize}). */
    public Splits normalize(double mean, double std) {
        return new Splits(train.normalize(mean, std), test == null ? null : test.normalize(mean, std));
    }
}
