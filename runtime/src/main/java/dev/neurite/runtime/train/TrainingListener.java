package dev.neurite.runtime.train;

/**
 * Follows a {@link Trainer}'s progress, for progress bars, tables and logs; the trainer itself prints nothing.
 * Every method does nothing by default. Calls come from the training thread, between steps.
 */
public interface TrainingListener {

    /** Epoch {@code epoch} (from 1) begins and will run {@code steps} steps. */
    default void onEpochStart(int epoch, int steps) {
    }

    /** Step {@code step} (from 1 within the epoch) finished with this batch's mean loss. */
    default void onStep(int epoch, int step, double loss) {
    }

    /** The epoch finished, was validated and (when the trainer has a checkpoint directory) saved. */
    default void onEpochEnd(EpochResult result) {
    }
}
