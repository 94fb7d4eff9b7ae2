package dev.neurite.cli;

/**
 * A problem the user can fix, with the exit code it ends the command with. {@link Main} prints its message as
 * one line, never a stack trace.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
