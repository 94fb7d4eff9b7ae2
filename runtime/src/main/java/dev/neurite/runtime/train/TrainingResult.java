package dev.neurite.runtime.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#train} or {@link Trainer#resume}.
 *
 * @param epochs     one result per epoch run by this call (empty when a resumed run was already complete)
 * @param globalStep training steps taken in total, including those before a resume
 * @param checkpoint the checkpoint written after the last epoch, or null without a checkpoint directory
 */
public record TrainingResult(List<EpochResult> epochs, long globalStep, Path checkpoint) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's result, or null when no epoch ran. */
    public EpochResult last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
