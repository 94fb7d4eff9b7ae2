package dev.neurite.compiler.diag;

import dev.neurite.compiler.ast.Span;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one file, in the order they are reported. */
public final class Reporter {

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public Reporter(String file) {
        this.file = file;
    }

    public void error(String code, Span at, String message, String help) {
        add(Severity.ERROR, code, at, message, help);
    }

    public void warning(String code, Span at, String message, String help) {
        add(Severity.WARNING, code, at, message, help);
    }

    public void note(String code, Span at, String message, String help) {
        add(Severity.NOTE, code, at, message, help);
    }

    private void add(Severity severity, String code, Span at, String message, String help) {
        diagnostics.add(new Diagnostic(severity, code, message, file, at.line(), at.column(), at.length(), help));
    }

    public int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** The diagnostics so far, sorted by position (stable, so one line's diagnostics keep their order). */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return List.copyOf(sorted);
    }
}
