package dev.neurite.compiler.ast;

/**
 * An argument in {@code (...)}: named ({@code lr = 0.01}) or positional ({@code 0.01}, {@code name == null}).
 * A layer's head value ({@code 512} in {@code dense 512}) is its first positional argument.
 */
public record Argument(String name, Span nameSpan, Expr value) {

    public boolean isNamed() {
        return name != null;
    }

    /** Where to point when the argument as a whole is wrong. */
    public Span span() {
        return isNamed() ? nameSpan.to(value.span()) : value.span();
    }
}
