package dev.neurite.runtime.data;

/**
 * A data set cannot be loaded: a file is missing, malformed or does not fit the model. The message is meant for
 * the user as it stands (it names the file and what is wrong), so the CLI prints it as one line.
 */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
