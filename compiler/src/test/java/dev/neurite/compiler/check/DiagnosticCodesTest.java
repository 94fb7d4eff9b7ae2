package dev.neurite.compiler.check;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Diagnostic;
import dev.neurite.compiler.diag.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One case per diagnostic code: the exact message and position the front end reports for a small file. */
class DiagnosticCodesTest {

    /** A valid model around {@code body} lines; line 1 is {@code model M {}, the body starts on line 2. */
    static String model(String body) {
        return "model M {\n" + body + "\n}\n";
    }

    static final String GOOD = "input x: [2]\ndense 3\nloss cross_entropy\noptimizer adam";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Codes.UNKNOWN_CHARACTER, model("input x: [2] # note\ndense 3\nloss mse\noptimizer adam"),
                        "unexpected character `#`", 2, 14),
                Arguments.of(Codes.UNTERMINATED_STRING, "train M {\n  data csv(path = \"a.csv)\n}\n",
                        "unterminated string", 2, 19),
                Arguments.of(Codes.UNKNOWN_ESCAPE, "train M {\n  data csv(path = \"C:\\data.csv\")\n}\n",
                        "unknown escape `\\d` in a string", 2, 22),
                Arguments.of(Codes.UNTERMINATED_COMMENT, model(GOOD) + "/* open\n", "unterminated block comment", 7, 1),
                Arguments.of(Codes.SYNTAX, model("input x: [2]\ndense 3 relu\nloss mse\noptimizer adam"),
                        "unexpected `relu` after `3`", 3, 9),
                Arguments.of(Codes.SYNTAX, "model M {\n  input x: [2]\n  dense 3\n",
                        "missing `}` to close model `M` opened at 1:1", 3, 9),
                Arguments.of(Codes.SYNTAX, "model {\n}\n", "expected a model name after `model`, found `{`", 1, 7),
                Arguments.of(Codes.TOO_DEEP, "const a = " + "(".repeat(100) + "1" + ")".repeat(100) + "\n",
                        "brackets nested more than 64 levels deep", 1, 75),
                Arguments.of(Codes.DUPLICATE_NAME, model(GOOD) + model(GOOD), "model `M` is declared twice", 7, 7),
                Arguments.of(Codes.DUPLICATE_NAME, "const a = 1\nconst a = 2\n" + model(GOOD.replace("3", "a + 2")),
                        "constant `a` is declared twice", 2, 7),
                Arguments.of(Codes.UNKNOWN_CONSTANT, "const hidden = 3\n" + model(GOOD.replace("3", "hiden")),
                        "unknown constant `hiden`", 4, 7),
                Arguments.of(Codes.BAD_EXPRESSION, model(GOOD.replace("3", "3 / 0")), "division by zero", 3, 11),
                Arguments.of(Codes.UNKNOWN_LAYER, model("input x: [2]\n    reul\ndense 3\nloss mse\noptimizer adam"),
                        "unknown layer `reul`", 3, 5),
                Arguments.of(Codes.UNKNOWN_ACTIVATION, model(GOOD.replace("dense 3", "dense 3 -> rleu")),
                        "unknown activation `rleu`", 3, 12),
                Arguments.of(Codes.UNKNOWN_INIT, model(GOOD.replace("dense 3", "dense 3 init xavir")),
                        "unknown initialisation `xavir`", 3, 14),
                Arguments.of(Codes.NOT_AFTER_DENSE, model(GOOD.replace("dense 3", "dense 3\nrelu -> tanh")),
                        "`->` can only follow a dense layer", 4, 9),
                Arguments.of(Codes.SHAPE_MISMATCH, model("input x: [28, 28]\ndense 10\nloss cross_entropy\n"
                        + "optimizer adam"), "dense expects a flat input but gets [28, 28]", 3, 1),
                Arguments.of(Codes.UNKNOWN_ARGUMENT, model(GOOD.replace("adam", "adam(lr = 0.1, beta = 0.9)")),
                        "optimizer `adam` has no argument `beta`", 5, 26),
                Arguments.of(Codes.DUPLICATE_ARGUMENT, model(GOOD.replace("adam", "adam(0.1, lr = 0.2)")),
                        "argument `lr` of optimizer `adam` is given twice", 5, 21),
                Arguments.of(Codes.MISSING_ARGUMENT, model(GOOD.replace("dense 3", "dense 3\ndense -> relu")),
                        "expected a layer size after `dense`", 4, 1),
                Arguments.of(Codes.MISSING_ARGUMENT, model(GOOD.replace("adam", "sgd")),
                        "optimizer `sgd` needs argument `lr` (a number)", 5, 11),
                Arguments.of(Codes.ARGUMENT_TYPE, model(GOOD.replace("dense 3", "dense 2.5")),
                        "`units` of layer `dense` must be a positive whole number, not 2.5", 3, 7),
                Arguments.of(Codes.ARGUMENT_TYPE, model(GOOD.replace("dense 3", "dense 3 (bias = 3)")),
                        "`bias` of layer `dense` must be `true` or `false`, not 3", 3, 17),
                Arguments.of(Codes.ARGUMENT_RANGE, model(GOOD.replace("adam", "adam(lr = -0.1)")),
                        "`lr` of optimizer `adam` must be greater than 0, but is -0.1", 5, 21),
                Arguments.of(Codes.ARGUMENT_RANGE, model(GOOD.replace("dense 3", "dense 3\ndropout 1")),
                        "`p` of layer `dropout` must be at least 0 and less than 1, but is 1", 4, 9),
                Arguments.of(Codes.TOO_MANY_ARGUMENTS, model(GOOD.replace("dense 3", "dense 3\nrelu(1)")),
                        "layer `relu` takes no arguments", 4, 6),
                Arguments.of(Codes.MISSING_INPUT, model("dense 3\nloss mse\noptimizer adam").replace("dense 3\n", ""),
                        "model `M` has no input", 1, 7),
                Arguments.of(Codes.MISSING_LOSS, model("input x: [2]\ndense 3\noptimizer adam"),
                        "model `M` has no loss", 1, 7),
                Arguments.of(Codes.MISSING_OPTIMIZER, model("input x: [2]\ndense 3\nloss mse"),
                        "model `M` has no optimizer", 1, 7),
                Arguments.of(Codes.MISPLACED_STATEMENT, model(GOOD + "\nloss mse"),
                        "model `M` declares `loss` twice", 6, 1),
                Arguments.of(Codes.UNKNOWN_LOSS, model(GOOD.replace("cross_entropy", "cross_entropi")),
                        "unknown loss `cross_entropi`", 4, 6),
                Arguments.of(Codes.UNKNOWN_OPTIMIZER, model(GOOD.replace("adam", "adma")),
                        "unknown optimizer `adma`", 5, 11),
                Arguments.of(Codes.LOSS_MISMATCH, model(GOOD.replace("dense 3", "dense 1")),
                        "`cross_entropy` needs at least 2 outputs (one per class), but model `M` has 1", 4, 6),
                Arguments.of(Codes.LOSS_MISMATCH, model(GOOD.replace("cross_entropy", "binary_cross_entropy")),
                        "`binary_cross_entropy` needs exactly 1 output, but model `M` has 3", 4, 6),
                Arguments.of(Codes.OPTIMIZER_MISMATCH, model("input x: [2]\ndense 1 -> step\nloss mse\noptimizer adam"),
                        "a `step` unit has no gradient, so `adam` cannot train it", 5, 11),
                Arguments.of(Codes.OPTIMIZER_MISMATCH, model("input x: [2]\ndense 1\nloss mse\noptimizer perceptron"),
                        "the perceptron rule needs a network that ends in `step`", 5, 11),
                Arguments.of(Codes.UNKNOWN_MODEL, model(GOOD) + "train N {\n  data xor\n}\n",
                        "there is no model `N` to train", 7, 7),
                Arguments.of(Codes.UNKNOWN_SETTING, model(GOOD) + "train M {\n  data spiral\n  epoch 5\n}\n",
                        "unknown train setting `epoch`", 9, 3),
                Arguments.of(Codes.DUPLICATE_SETTING, model(GOOD) + "train M {\n  data spiral\n  data spiral\n}\n",
                        "`data` is set twice", 9, 3),
                Arguments.of(Codes.MISSING_SETTING, model(GOOD) + "train M {\n  epochs 5\n}\n",
                        "train block for `M` has no `data`", 7, 7),
                Arguments.of(Codes.UNKNOWN_DATA, model(GOOD) + "train M {\n  data spirals\n}\n",
                        "unknown data source `spirals`", 8, 8),
                Arguments.of(Codes.DATA_MISMATCH, model(GOOD) + "train M {\n  data fashion_mnist\n}\n",
                        "`fashion_mnist` has 28x28 = 784 inputs per sample, but model `M` takes 2 [2]", 8, 8),
                Arguments.of(Codes.DATA_MISMATCH, model(GOOD) + "train M {\n  data spiral(classes = 4)\n}\n",
                        "`spiral` has 4 classes, but model `M` has 3 outputs with `cross_entropy`", 8, 8),
                Arguments.of(Codes.UNKNOWN_VALIDATION, model(GOOD) + "train M {\n  data spiral\n  validation tset\n}\n",
                        "unknown validation `tset`", 9, 14),
                Arguments.of(Codes.UNUSED_CONSTANT, "const unused = 1\n" + model(GOOD),
                        "constant `unused` is never used", 1, 7),
                Arguments.of(Codes.FUSED_INTO_LOSS, model(GOOD.replace("dense 3", "dense 3 -> softmax")),
                        "the final `softmax` is part of `cross_entropy`", 3, 12));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void reportsCodeWithMessageAndPosition(String code, String source, String message, int line, int column) {
        CheckResult result = Frontend.check("model.nn", source);
        Diagnostic match = result.diagnostics().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseGet(() -> fail("no " + code + " in\n" + result.render()));
        assertEquals(message, match.message(), result::render);
        assertEquals(line + ":" + column, match.line() + ":" + match.column(), result::render);
        assertEquals(code.startsWith("E"), match.severity() == Severity.ERROR);
        assertEquals(code.startsWith("E"), result.program() == null, "a program exactly when there is no error");
    }

    @Test
    void everyCodeHasACase() throws IllegalAccessException {
        Set<String> tested = new HashSet<>();
        cases().forEach(a -> tested.add((String) a.get()[0]));
        tested.add(Codes.NOT_UTF8); // FrontendRobustnessTest reads a file with bad bytes
        for (Field field : Codes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                assertTrue(tested.contains((String) field.get(null)), "no test for " + field.getName());
            }
        }
    }
}
