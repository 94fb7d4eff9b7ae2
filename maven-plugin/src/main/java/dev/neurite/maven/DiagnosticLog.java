package dev.neurite.maven;

import dev.neurite.compiler.diag.Diagnostic;
import dev.neurite.compiler.diag.DiagnosticRenderer;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the front end's diagnostics into the Maven log. The first line of each uses the format of javac's
 * errors in Maven ({@code /abs/path/model.nn:[5,5] message}), which IDEs and CI log viewers turn into a link to
 * the spot; the source line with a caret under the span follows.
 */
final class DiagnosticLog {

    private final Log log;

    DiagnosticLog(Log log) {
        this.log = log;
    }

    /** Logs every diagnostic of {@code file} (whose text is {@code source}): errors, warnings and notes. */
    void report(Path file, String source, List<Diagnostic> diagnostics) {
        DiagnosticRenderer renderer = new DiagnosticRenderer(source);
        for (Diagnostic diagnostic : diagnostics) {
            String message = headline(file, diagnostic) + "\n" + snippet(renderer.render(diagnostic));
            switch (diagnostic.severity()) {
                case ERROR -> log.error(message);
                case WARNING -> log.warn(message);
                case NOTE -> log.info(message);
            }
        }
    }

    /** {@code /abs/path/model.nn:[line,column] message (code)}. */
    static String headline(Path file, Diagnostic diagnostic) {
        return file.toAbsolutePath() + ":[" + diagnostic.line() + "," + diagnostic.column() + "] "
                + diagnostic.message() + " (" + diagnostic.code() + ")";
    }

    /** The rendered diagnostic without its first line, which repeats the headline's message. */
    private static String snippet(String rendered) {
        String body = rendered.substring(rendered.indexOf('\n') + 1);
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }
}
