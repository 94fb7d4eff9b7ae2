package dev.neurite.runtime.train;

/** Training cannot start or go on; the message says why and what to change. */
public class TrainingException extends RuntimeException {

    public TrainingException(String message) {
        super(message);
    }
}
