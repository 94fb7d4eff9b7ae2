package dev.neurite.runtime.train;

/**
 * What one epoch achieved.
 *
 * @param epoch              the epoch, counting from 1
 * @param trainLoss          mean training loss over the epoch's samples (each batch's loss weighted by its size)
 * @param validationLoss     mean loss on the validation set, NaN without validation
 * @param validationAccuracy fraction of validation samples classified correctly, NaN without validation or for
 *                           regression
 * @param seconds            wall time of the epoch, training and validation
 * @param samplesPerSecond   training samples per second of training time (validation excluded)
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                          double seconds, double samplesPerSecond) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    public boolean hasAccuracy() {
        return !Double.isNaN(validationAccuracy);
    }
}
