package dev.neurite.compiler.check;

import dev.neurite.compiler.ast.Expr;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.diag.Suggestions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates expressions to a {@link Double}, {@link String} or {@link Boolean}, over the constants declared so
 * far. Problems are reported and yield {@code null}, so one bad value does not hide the next error.
 */
final class Evaluator {

    private final Reporter reporter;
    private final Map<String, Object> constants = new LinkedHashMap<>();
    private final Set<String> declaredLater = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    Evaluator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Announces a constant declared further down, so using it too early gets a precise message. */
    void expect(String name) {
        declaredLater.add(name);
    }

    void define(String name, Object value) {
        constants.put(name, value);
        declaredLater.remove(name);
    }

    boolean isDefined(String name) {
        return constants.containsKey(name);
    }

    boolean isUsed(String name) {
        return used.contains(name);
    }

    /** The value, or {@code null} after reporting why there is none. */
    Object evaluate(Expr expr) {
        if (expr instanceof Expr.Number n) {
            if (Double.isInfinite(n.value())) {
                reporter.error(Codes.BAD_EXPRESSION, n.span(), "number `" + n.text() + "` is too large", null);
                return null;
            }
            return n.value();
        }
        if (expr instanceof Expr.Text t) {
            return t.value();
        }
        if (expr instanceof Expr.Bool b) {
            return b.value();
        }
        if (expr instanceof Expr.Name name) {
            return constant(name);
        }
        if (expr instanceof Expr.Negate negate) {
            Double number = number(evaluate(negate.operand()), negate.operand());
            return number == null ? null : -number;
        }
        return arithmetic((Expr.Arithmetic) expr);
    }

    private Object constant(Expr.Name name) {
        if (constants.containsKey(name.name())) {
            used.add(name.name());
            return constants.get(name.name());
        }
        String help = declaredLater.contains(name.name())
                ? "constants must be declared before they are used; move `const " + name.name() + "` up"
                : Suggestions.didYouMean(name.name(), constants.keySet(),
                        "declare it with `const " + name.name() + " = ...` at the top level");
        reporter.error(Codes.UNKNOWN_CONSTANT, name.span(), "unknown constant `" + name.name() + "`", help);
        return null;
    }

    private Object arithmetic(Expr.Arithmetic arithmetic) {
        Double result = number(evaluate(arithmetic.operands().get(0)), arithmetic.operands().get(0));
        for (int i = 1; i < arithmetic.operands().size(); i++) {
            Expr operandExpr = arithmetic.operands().get(i);
            Double operand = number(evaluate(operandExpr), operandExpr);
            if (result == null || operand == null) {
                result = null;
                continue;
            }
            char operator = arithmetic.operators().get(i - 1);
            if (operator == '/' && operand == 0) {
                reporter.error(Codes.BAD_EXPRESSION, operandExpr.span(), "division by zero", null);
                result = null;
                continue;
            }
            result = switch (operator) {
                case '+' -> result + operand;
                case '-' -> result - operand;
                case '*' -> result * operand;
                default -> result / operand;
            };
        }
        if (result != null && !Double.isFinite(result)) {
            reporter.error(Codes.BAD_EXPRESSION, arithmetic.span(), "the value of this expression is too large", null);
            return null;
        }
        return result;
    }

    /** The operand as a number; text and booleans in arithmetic are reported. */
    private Double number(Object value, Expr at) {
        if (value == null || value instanceof Double) {
            return (Double) value;
        }
        reporter.error(Codes.BAD_EXPRESSION, at.span(),
                "arithmetic needs numbers, but this is " + (value instanceof String ? "text" : "a boolean"), null);
        return null;
    }
}
