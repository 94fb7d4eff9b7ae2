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

    /** The first {@code limit} training samples (all if there are fewer) and the whole test set, for {@code --limit}. */
    public Splits limitTraining(int limit) {
        return new Splits(train.first(Math.min(limit, train.count())), test);
    }

    /** Both sets with every feature replaced by {@code (x - mean) / std} (see {@link Dataset#normalize}). */
    public Splits normalize(double mean, double std) {
        return new Splits(train.normalize(mean, std), test == null ? null : test.normalize(mean, std));
    }
}
