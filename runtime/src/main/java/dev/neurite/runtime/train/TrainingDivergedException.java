package dev.neurite.runtime.train;

import java.nio.file.Path;

/**
 * A training step returned a loss that is NaN or infinite. Training stops at once; the checkpoint of the last
 * completed epoch (if any) is left as it was.
 */
public class TrainingDivergedException extends TrainingException {

    private final int epoch;
    private final int step;
    private final double loss;
    private final Path lastGoodCheckpoint;

    public TrainingDivergedException(int epoch, int step, double loss, Path lastGoodCheckpoint) {
        super("training diverged at epoch " + epoch + ", step " + step + ": the loss is " + loss
                + (lastGoodCheckpoint != null ? "; the last good checkpoint is " + lastGoodCheckpoint : "")
                + "; try a smaller learning rate or normalized inputs");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    public int epoch() {
        return epoch;
    }

    /** The step within the epoch, from 1. */
    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }

    /** The checkpoint of the last completed epoch, or null when none was written. */
    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
