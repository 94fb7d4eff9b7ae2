package dev.neurite.compiler.check;

import dev.neurite.compiler.ast.Argument;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.diag.Suggestions;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of something callable ({@code adam}, {@code dense}, {@code spiral}...), and the binding of
 * written arguments to them: positional ones in order, named ones by name, defaults for the rest.
 *
 * @param what   how messages name the callee, e.g. "`adam`" or "layer `dense`"
 * @param params the parameters in positional order
 */
record Signature(String what, List<Param> params) {

    static Signature of(String what, Param... params) {
        return new Signature(what, List.of(params));
    }

    /**
     * Binds {@code arguments}, reporting unknown, duplicate, missing, mistyped and out-of-range ones.
     *
     * @param at where to point when a required argument is missing
     * @return every parameter that has a valid value (given or default), by name, in parameter order
     */
    Map<String, Object> bind(List<Argument> arguments, Span at, Evaluator evaluator, Reporter reporter) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Argument> given = new HashMap<>();
        int position = 0;
        for (Argument argument : arguments) {
            Param param;
            if (argument.isNamed()) {
                param = param(argument.name());
                if (param == null) {
                    reporter.error(Codes.UNKNOWN_ARGUMENT, argument.nameSpan(),
                            what + " has no argument `" + argument.name() + "`", unknownHelp(argument.name()));
                    continue;
                }
            } else {
                if (position >= params.size()) {
                    reporter.error(Codes.TOO_MANY_ARGUMENTS, argument.span(), params.isEmpty()
                            ? what + " takes no arguments"
                            : what + " takes at most " + params.size() + " positional argument"
                            + (params.size() == 1 ? "" : "s"), listHelp());
                    continue;
                }
                param = params.get(position++);
            }
            if (given.containsKey(param.name())) {
                reporter.error(Codes.DUPLICATE_ARGUMENT, argument.span(),
                        "argument `" + param.name() + "` of " + what + " is given twice", "remove one of them");
                continue;
            }
            given.put(param.name(), argument);
            Object value = convert(param, evaluator.evaluate(argument.value()), argument, reporter);
            if (value != null) {
                values.put(param.name(), value);
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Param param : params) {
            if (values.containsKey(param.name())) {
                ordered.put(param.name(), values.get(param.name()));
            } else if (!given.containsKey(param.name())) {
                if (param.defaultValue() != null) {
                    ordered.put(param.name(), param.defaultValue());
                } else if (param.required()) {
                    String message = param.missing() != null ? param.missing()
                            : what + " needs argument `" + param.name() + "` (" + param.type().description + ")";
                    String help = param.missing() != null ? param.missingHelp()
                            : "write it as `" + param.name() + " = ...` in the parentheses";
                    reporter.error(Codes.MISSING_ARGUMENT, at, message, help);
                }
            }
        }
        return ordered;
    }

    private Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private String unknownHelp(String name) {
        List<String> names = params.stream().map(Param::name).toList();
        return Suggestions.didYouMean(name, names, listHelp());
    }

    private String listHelp() {
        return params.isEmpty() ? "remove the arguments"
                : "its arguments are " + String.join(", ", params.stream().map(p -> "`" + p.name() + "`").toList());
    }

    /** What to write instead of a wrong value: the default when there is one, else what the parameter takes. */
    private static String fixHelp(Param param) {
        if (param.defaultValue() != null) {
            return "leave it out for the default, `" + param.name() + " = " + show(param.defaultValue()) + "`";
        }
        return "write " + param.type().description
                + (param.range() == null ? "" : " that is " + param.range().description());
    }

    /** Checks type and range; the converted value, or {@code null} after reporting. */
    private Object convert(Param param, Object value, Argument argument, Reporter reporter) {
        if (value == null) {
            return null; // already reported by the evaluator
        }
        Span at = argument.value().span();
        String name = "`" + param.name() + "`";
        // A train setting such as `batch` is its own single parameter: say "`batch` must be", not "of `batch`".
        String subject = name.equals(what) ? name : name + " of " + what;
        boolean whole = value instanceof Double d && d == Math.rint(d);
        boolean ok = switch (param.type()) {
            case NUMBER -> value instanceof Double;
            case SIZE, WHOLE -> whole && Math.abs((Double) value) <= Integer.MAX_VALUE;
            case FLAG -> value instanceof Boolean;
            case TEXT -> value instanceof String;
            case TEXT_OR_WHOLE -> value instanceof String || whole;
        };
        if (!ok) {
            reporter.error(Codes.ARGUMENT_TYPE, at, subject + " must be " + param.type().description
                    + ", not " + show(value), fixHelp(param));
            return null;
        }
        if (value instanceof Double number) {
            Param.Range range = param.range();
            if (param.type() == Param.Type.SIZE && number <= 0) {
                range = Param.Range.POSITIVE;
            } else if (param.type() == Param.Type.WHOLE && number < 0) {
                range = Param.Range.NON_NEGATIVE;
            }
            if (range != null && !range.test().test(number)) {
                reporter.error(Codes.ARGUMENT_RANGE, at, subject + " must be " + range.description()
                        + ", but is " + show(value), fixHelp(param));
                return null;
            }
        }
        return value;
    }

    /** A value as a message shows it: 512, 0.5, "text", true. */
    static String show(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }
}
