package dev.neurite.runtime.checkpoint;

/**
 * A checkpoint cannot be written, read or applied: the file is damaged, or it belongs to another model or
 * another shape of the model. The message names the file and exactly what does not fit.
 */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
