package dev.neurite.compiler.ast;

/**
 * A piece of source text: 1-based line and column of its first character and its length in characters (a span
 * never crosses a line; longer constructs are cut at the line's end by whoever renders them).
 */
public record Span(int line, int column, int length) {

    /** A span from this one's start to {@code end}'s end when both are on one line, else this span. */
    public Span to(Span end) {
        if (end.line != line || end.column < column) {
            return this;
        }
        return new Span(line, column, end.column + end.length - column);
    }
}
