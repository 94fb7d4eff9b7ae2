package dev.neurite.compiler.ast;

import java.util.List;

/** A statement inside a {@code model} block. */
public sealed interface ModelStatement {

    /** Where the statement starts (its keyword or layer name). */
    Span span();

    /** {@code input image: [28, 28]}. */
    record Input(String name, Span span, List<Expr> dimensions, Span shapeSpan) implements ModelStatement {
        public Input {
            dimensions = List.copyOf(dimensions);
        }
    }

    /** {@code loss cross_entropy}; {@code span} is the keyword's. */
    record Loss(Call loss, Span span) implements ModelStatement { }

    /** {@code optimizer adam(lr = 1e-3)}; {@code span} is the keyword's. */
    record Optimizer(Call optimizer, Span span) implements ModelStatement { }

    /**
     * {@code dense 512 (bias = false) -> relu init normal(std = 0.01)}.
     *
     * @param kind       the layer name as written ({@code dense}); {@code span} is its span
     * @param arguments  the head value (if any) as first positional argument, then the parenthesised ones
     * @param activation the call after {@code ->}, or {@code null}
     * @param init       the call after {@code init}, or {@code null}
     */
    record Layer(String kind, Span span, List<Argument> arguments, Call activation, Call init)
            implements ModelStatement {
        public Layer {
            arguments = List.copyOf(arguments);
        }
    }
}
