package dev.neurite.compiler.diag;

/** How serious a diagnostic is. Only errors stop a file from compiling. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** The word rustc-style output starts with: {@code error}, {@code warning}, {@code note}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
