package dev.neurite.compiler.check;

/**
 * One parameter of a layer, activation, initialisation, loss, optimizer, data source or train setting.
 *
 * @param name         the name used in {@code name = value}
 * @param type         what values it takes
 * @param defaultValue the value when left out ({@code null}: none; then {@code required} says if that is an error)
 * @param required     leaving it out is an error
 * @param range        a further condition on numbers, or {@code null}
 * @param missing      the message when a required parameter is left out, or {@code null} for the generic one
 * @param missingHelp  the help that goes with {@code missing}
 */
record Param(String name, Type type, Object defaultValue, boolean required, Range range, String missing,
             String missingHelp) {

    /** Value types. Numbers are {@link Double}, flags {@link Boolean}, text {@link String}. */
    enum Type {
        /** Any finite number. */
        NUMBER("a number"),
        /** A whole number greater than zero: sizes, counts. */
        SIZE("a positive whole number"),
        /** A whole number, zero or more: seeds, column indexes. */
        WHOLE("a whole number"),
        /** {@code true} or {@code false}. */
        FLAG("`true` or `false`"),
        /** A string in quotes. */
        TEXT("a string"),
        /** A string or a whole number (a CSV column by name or index). */
        TEXT_OR_WHOLE("a column name or index");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /** A condition on a number, with the words that explain it ("greater than 0"). */
    record Range(java.util.function.DoublePredicate test, String description) {
        static final Range POSITIVE = new Range(v -> v > 0, "greater than 0");
        static final Range NON_NEGATIVE = new Range(v -> v >= 0, "0 or more");
        static final Range FRACTION = new Range(v -> v >= 0 && v < 1, "at least 0 and less than 1");
        static final Range OPEN_FRACTION = new Range(v -> v > 0 && v < 1, "between 0 and 1 (exclusive)");
        static final Range PROBABILITY = new Range(v -> v >= 0 && v <= 1, "between 0 and 1");
    }

    static Param required(String name, Type type) {
        return new Param(name, type, null, true, null, null, null);
    }

    static Param required(String name, Type type, Range range) {
        return new Param(name, type, null, true, range, null, null);
    }

    /** A required parameter whose absence gets its own message, e.g. "expected a layer size after `dense`". */
    static Param required(String name, Type type, String missing, String missingHelp) {
        return new Param(name, type, null, true, null, missing, missingHelp);
    }

    static Param optional(String name, Type type) {
        return new Param(name, type, null, false, null, null, null);
    }

    static Param of(String name, Type type, Object defaultValue) {
        return new Param(name, type, defaultValue, false, null, null, null);
    }

    static Param of(String name, Type type, Object defaultValue, Range range) {
        return new Param(name, type, defaultValue, false, range, null, null);
    }
}
