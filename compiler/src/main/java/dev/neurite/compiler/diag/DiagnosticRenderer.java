package dev.neurite.compiler.diag;

import java.util.List;

/**
 * Renders diagnostics in rustc's style: a header, the location, the source line and a caret under the span.
 *
 * <pre>
 * error[E0201]: unknown layer `reul`
 *   --&gt; model.nn:5:5
 *    |
 *  5 |     reul
 *    |     ^^^^
 *    = help: did you mean `relu`?
 * </pre>
 */
public final class DiagnosticRenderer {

    private final List<String> lines;

    /** @param source the text the diagnostics point into */
    public DiagnosticRenderer(String source) {
        // Lines end at '\n' only, as the lexer counts them; a '\r' before it is dropped.
        this.lines = java.util.Arrays.stream(source.split("\n", -1))
                .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                .toList();
    }

    /** All diagnostics, each followed by an empty line. */
    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(diagnostic)).append('\n');
        }
        return out.toString();
    }

    /** One diagnostic; every line ends with a newline. */
    public String render(Diagnostic d) {
        String number = Integer.toString(d.line());
        String gutter = " ".repeat(number.length());
        StringBuilder out = new StringBuilder();
        out.append(d.severity().label()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
        out.append(gutter).append("--> ").append(d.location()).append('\n');
        if (d.line() <= lines.size()) {
            String text = visible(lines.get(d.line() - 1));
            int start = Math.min(d.column() - 1, text.length());
            int width = Math.max(1, Math.min(d.length(), text.length() - start));
            out.append(gutter).append(" |\n");
            out.append(number).append(" | ").append(text).append('\n');
            out.append(gutter).append(" | ").append(" ".repeat(start)).append("^".repeat(width)).append('\n');
        }
        if (d.help() != null) {
            out.append(gutter).append(" = help: ").append(d.help()).append('\n');
        }
        return out.toString();
    }

    /** Tabs become single spaces so the caret stays under the column it means; control characters show as '?'. */
    private static String visible(String line) {
        StringBuilder text = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            text.append(c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        return text.toString();
    }
}
