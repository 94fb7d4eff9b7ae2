package dev.neurite.compiler;

import dev.neurite.compiler.diag.Diagnostic;
import dev.neurite.compiler.diag.DiagnosticRenderer;
import dev.neurite.compiler.ir.Program;

import java.util.List;

/**
 * What the front end says about one file.
 *
 * @param program     the checked program, {@code null} if there is any error
 * @param diagnostics every error, warning and note, sorted by position
 * @param source      the text that was checked (what the diagnostics point into)
 */
public record CheckResult(Program program, List<Diagnostic> diagnostics, String source) {

    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** All diagnostics rendered rustc-style against the source. */
    public String render() {
        return new DiagnosticRenderer(source).render(diagnostics);
    }
}
