package dev.neurite.compiler.diag;

/**
 * The diagnostic codes of the front end. Each is documented, with an example, in the README (section "Diagnostics"); a code is
 * never reused for a different problem.
 */
public final class Codes {

    private Codes() {
    }

    // E00xx: reading and parsing
    /** The file's bytes are not valid UTF-8. */
    public static final String NOT_UTF8 = "E0001";
    /** A character the language does not use. */
    public static final String UNKNOWN_CHARACTER = "E0002";
    /** A string without its closing quote on the same line. */
    public static final String UNTERMINATED_STRING = "E0003";
    /** A block comment without its closing star-slash. */
    public static final String UNTERMINATED_COMMENT = "E0004";
    /** A backslash in a string that starts none of the escapes. */
    public static final String UNKNOWN_ESCAPE = "E0007";
    /** A syntax error: something expected is missing or something unexpected is present. */
    public static final String SYNTAX = "E0005";
    /** Brackets nested deeper than the parser accepts. */
    public static final String TOO_DEEP = "E0006";

    // E01xx: names and values
    /** Two models, or two constants, with the same name. */
    public static final String DUPLICATE_NAME = "E0101";
    /** A name in an expression that is no constant. */
    public static final String UNKNOWN_CONSTANT = "E0102";
    /** An expression that cannot be evaluated: division by zero, a non-finite result, text used as a number. */
    public static final String BAD_EXPRESSION = "E0103";

    // E02xx: layers
    /** A layer name that does not exist. */
    public static final String UNKNOWN_LAYER = "E0201";
    /** An activation name after {@code ->} that does not exist. */
    public static final String UNKNOWN_ACTIVATION = "E0202";
    /** An initialisation name after {@code init} that does not exist. */
    public static final String UNKNOWN_INIT = "E0203";
    /** {@code ->} or {@code init} on a layer other than dense. */
    public static final String NOT_AFTER_DENSE = "E0204";
    /** A layer that cannot take the shape it receives. */
    public static final String SHAPE_MISMATCH = "E0205";

    // E03xx: arguments
    /** An argument name the callee does not have. */
    public static final String UNKNOWN_ARGUMENT = "E0301";
    /** The same argument given twice. */
    public static final String DUPLICATE_ARGUMENT = "E0302";
    /** A required argument left out. */
    public static final String MISSING_ARGUMENT = "E0303";
    /** An argument of the wrong type (text for a number, a fraction for a size...). */
    public static final String ARGUMENT_TYPE = "E0304";
    /** An argument outside its allowed range. */
    public static final String ARGUMENT_RANGE = "E0305";
    /** More positional arguments than the callee takes. */
    public static final String TOO_MANY_ARGUMENTS = "E0306";

    // E04xx: models
    /** A model without {@code input}. */
    public static final String MISSING_INPUT = "E0401";
    /** A model without {@code loss}. */
    public static final String MISSING_LOSS = "E0402";
    /** A model without {@code optimizer}. */
    public static final String MISSING_OPTIMIZER = "E0403";
    /** {@code input}, {@code loss} or {@code optimizer} given twice, or a layer before {@code input}. */
    public static final String MISPLACED_STATEMENT = "E0404";
    /** A loss name that does not exist. */
    public static final String UNKNOWN_LOSS = "E0405";
    /** An optimizer name that does not exist. */
    public static final String UNKNOWN_OPTIMIZER = "E0406";
    /** A loss that does not fit the model's output. */
    public static final String LOSS_MISMATCH = "E0407";
    /** A step unit with a gradient optimizer, or the perceptron rule on a network it cannot train. */
    public static final String OPTIMIZER_MISMATCH = "E0408";

    // E05xx: train blocks
    /** A train block for a model the file does not declare. */
    public static final String UNKNOWN_MODEL = "E0501";
    /** A train block key that does not exist. */
    public static final String UNKNOWN_SETTING = "E0502";
    /** The same key twice in a train block, or two train blocks for one model. */
    public static final String DUPLICATE_SETTING = "E0503";
    /** A train block without {@code data}, or a key without its value. */
    public static final String MISSING_SETTING = "E0504";
    /** A data source name that does not exist. */
    public static final String UNKNOWN_DATA = "E0505";
    /** Data whose samples or labels do not fit the model. */
    public static final String DATA_MISMATCH = "E0506";
    /** A validation mode that does not exist. */
    public static final String UNKNOWN_VALIDATION = "E0507";

    // Warnings and notes
    /** A constant that nothing uses. */
    public static final String UNUSED_CONSTANT = "W0101";
    /** A final softmax or sigmoid that the loss already includes, removed from the training graph. */
    public static final String FUSED_INTO_LOSS = "N0401";
}
