package dev.neurite.compiler.diag;

/**
 * One message about a {@code .nn} file, pointing at a span of its text.
 *
 * @param severity error, warning or note
 * @param code     stable identifier such as {@code E0201}, listed in the README (section "Diagnostics")
 * @param message  what is wrong, one line, names in backticks
 * @param file     the file name as given to the front end
 * @param line     1-based line of the span's start
 * @param column   1-based column (in characters) of the span's start
 * @param length   characters underlined, at least 1
 * @param help     how to fix it, or {@code null}
 */
public record Diagnostic(Severity severity, String code, String message, String file, int line, int column,
                         int length, String help) {

    public Diagnostic {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The {@code file:line:column} this diagnostic points at. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    /** One line, {@code model.nn:5:5: error[E0201]: unknown layer `reul`}, for logs and exceptions. */
    @Override
    public String toString() {
        return location() + ": " + severity.label() + "[" + code + "]: " + message;
    }
}
