package dev.neurite.compiler.ast;

import java.util.List;

/** A value as written: a number, a constant's name, a string, a boolean, or arithmetic over numbers. */
public sealed interface Expr {

    Span span();

    /** {@code 64}, {@code 1e-3}; {@code text} is kept for messages. */
    record Number(double value, String text, Span span) implements Expr { }

    /** A bare identifier: a constant, or a name such as a data source in {@code data spiral}. */
    record Name(String name, Span span) implements Expr { }

    /** {@code "..."} with escapes resolved. */
    record Text(String value, Span span) implements Expr { }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, Span span) implements Expr { }

    /** {@code -x}. */
    record Negate(Expr operand, Span span) implements Expr { }

    /**
     * {@code a + b - c} or {@code a * b / c}: one precedence level as a flat list, evaluated left to right.
     * A list rather than nested binary nodes keeps the tree as shallow as the parentheses are deep.
     *
     * @param operators one of {@code + - * /} between each pair of operands ({@code operands.size() - 1})
     */
    record Arithmetic(List<Expr> operands, List<Character> operators, Span span) implements Expr {
        public Arithmetic {
            operands = List.copyOf(operands);
            operators = List.copyOf(operators);
        }
    }
}
