package dev.neurite.compiler.check;

import dev.neurite.compiler.ast.Argument;
import dev.neurite.compiler.ast.Declaration;
import dev.neurite.compiler.ast.Expr;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.diag.Suggestions;
import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.data.DataSpec;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.train.TrainSpec;
import dev.neurite.runtime.train.Validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one {@code train} block: its keys and values, its data source, and whether the data fits the model
 * (input size, number of classes) where the source says so.
 */
final class TrainChecker {

    private final Evaluator evaluator;
    private final Reporter reporter;

    TrainChecker(Evaluator evaluator, Reporter reporter) {
        this.evaluator = evaluator;
        this.reporter = reporter;
    }

    /**
     * @param declared every model name of the file
     * @param checked  the models that passed the checker, by name
     * @return the checked spec, or {@code null} if the block has errors
     */
    TrainSpec check(Declaration.Train block, Set<String> declared, Map<String, Model> checked) {
        int errorsBefore = reporter.errorCount();
        if (!declared.contains(block.model())) {
            reporter.error(Codes.UNKNOWN_MODEL, block.span(), "there is no model `" + block.model() + "` to train",
                    Suggestions.didYouMean(block.model(), declared, declared.isEmpty()
                            ? "declare it with `model " + block.model() + " { ... }`"
                            : "the models are " + String.join(", ", declared)));
        }
        Map<String, Declaration.Setting> seen = new HashMap<>();
        DataSpec data = null;
        Span dataSpan = null;
        int epochs = 5;
        int batch = 64;
        boolean shuffle = true;
        long seed = 42;
        Validation validation = Validation.TEST;
        double mean = Double.NaN;
        double std = Double.NaN;
        for (Declaration.Setting setting : block.settings()) {
            Signature signature = Catalog.SETTINGS.get(setting.key());
            if (signature == null) {
                reporter.error(Codes.UNKNOWN_SETTING, setting.span(), "unknown train setting `" + setting.key() + "`",
                        Suggestions.didYouMean(setting.key(), Catalog.SETTINGS.keySet(),
                                "the settings are " + String.join(", ", Catalog.SETTINGS.keySet())));
                continue;
            }
            Declaration.Setting first = seen.putIfAbsent(setting.key(), setting);
            if (first != null) {
                reporter.error(Codes.DUPLICATE_SETTING, setting.span(), "`" + setting.key() + "` is set twice",
                        "remove one of them (the first is at " + first.span().line() + ":" + first.span().column()
                                + ")");
                continue;
            }
            switch (setting.key()) {
                case "data" -> {
                    data = data(setting);
                    dataSpan = setting.value() == null ? setting.span() : setting.value().span();
                }
                case "validation" -> validation = validation(setting);
                default -> {
                    List<Argument> arguments = new ArrayList<>();
                    if (setting.value() != null) {
                        arguments.add(new Argument(null, null, setting.value()));
                    }
                    arguments.addAll(setting.arguments());
                    Map<String, Object> values = signature.bind(arguments, setting.span(), evaluator, reporter);
                    switch (setting.key()) {
                        case "epochs" -> epochs = intOr(values.get("epochs"), epochs);
                        case "batch" -> batch = intOr(values.get("batch"), batch);
                        case "shuffle" -> shuffle = values.get("shuffle") instanceof Boolean b ? b : shuffle;
                        case "seed" -> seed = values.get("seed") instanceof Double d ? d.longValue() : seed;
                        default -> {
                            mean = values.get("mean") instanceof Double d ? d : mean;
                            std = values.get("std") instanceof Double d ? d : std;
                        }
                    }
                }
            }
        }
        if (!seen.containsKey("data") && block.complete()) {
            reporter.error(Codes.MISSING_SETTING, block.span(), "train block for `" + block.model() + "` has no `data`",
                    "add a line such as `data fashion_mnist`");
        }
        Model model = checked.get(block.model());
        if (model != null && data != null) {
            new DataFit(reporter).check(data, dataSpan, model);
        }
        if (reporter.errorCount() > errorsBefore || data == null) {
            return null;
        }
        return new TrainSpec(block.model(), data, epochs, batch, shuffle, seed, validation, mean, std);
    }

    private DataSpec data(Declaration.Setting setting) {
        if (!(setting.value() instanceof Expr.Name source)) {
            reporter.error(Codes.UNKNOWN_DATA, setting.value() == null ? setting.span() : setting.value().span(),
                    "`data` needs a data source name", "for example `data fashion_mnist` or `data spiral(classes = 3)`");
            return null;
        }
        Signature signature = Catalog.DATA.get(source.name());
        if (signature == null) {
            reporter.error(Codes.UNKNOWN_DATA, source.span(), "unknown data source `" + source.name() + "`",
                    Suggestions.didYouMean(source.name(), Catalog.DATA.keySet(),
                            "the data sources are " + String.join(", ", Catalog.DATA.keySet())));
            return null;
        }
        int errorsBefore = reporter.errorCount();
        Map<String, Object> args = signature.bind(setting.arguments(), source.span(), evaluator, reporter);
        return reporter.errorCount() > errorsBefore ? null : new DataSpec(source.name(), args);
    }

    private Validation validation(Declaration.Setting setting) {
        if (!(setting.value() instanceof Expr.Name mode) || !Catalog.VALIDATIONS.containsKey(mode.name())) {
            Span at = setting.value() == null ? setting.span() : setting.value().span();
            String help = setting.value() instanceof Expr.Name mode
                    ? Suggestions.didYouMean(mode.name(), Catalog.VALIDATIONS.keySet(),
                    "write `validation test`, `validation split(0.1)` or `validation none`")
                    : "write `validation test`, `validation split(0.1)` or `validation none`";
            reporter.error(Codes.UNKNOWN_VALIDATION, at, setting.value() instanceof Expr.Name mode
                    ? "unknown validation `" + mode.name() + "`" : "`validation` needs a mode", help);
            return Validation.TEST;
        }
        Map<String, Object> args = Catalog.VALIDATIONS.get(mode.name())
                .bind(setting.arguments(), mode.span(), evaluator, reporter);
        return switch (mode.name()) {
            case "split" -> args.get("fraction") instanceof Double f ? Validation.split(f) : Validation.TEST;
            case "none" -> Validation.NONE;
            default -> Validation.TEST;
        };
    }

    private static int intOr(Object value, int fallback) {
        return value instanceof Double d ? d.intValue() : fallback;
    }

    /** Whether a data source's samples and labels fit a model, for the sources whose shapes are known. */
    private record DataFit(Reporter reporter) {

        void check(DataSpec data, Span at, Model model) {
            String kind = data.kind();
            switch (kind) {
                case "fashion_mnist", "mnist" -> {
                    inputs(kind, "28x28 = 784", 784, at, model);
                    classes(kind, 10, at, model);
                }
                case "spiral", "vertical" -> {
                    inputs(kind, "2", 2, at, model);
                    classes(kind, (int) data.number("classes", 3), at, model);
                }
                case "xor" -> {
                    inputs(kind, "2", 2, at, model);
                    classes(kind, 2, at, model);
                }
                case "linear" -> {
                    inputs(kind, "1", 1, at, model);
                    if (model.loss() != LossKind.MSE || model.outputSize() != 1) {
                        reporter.error(Codes.DATA_MISMATCH, at, "`linear` data is a regression target (one number "
                                + "per sample), but model `" + model.name() + "` does not have 1 output with `loss "
                                + "mse`", "end the model with `dense 1` and use `loss mse`");
                    }
                }
                default -> {
                    // idx and csv: shapes are known only once the files are read
                }
            }
        }

        private void inputs(String kind, String shown, int size, Span at, Model model) {
            if (model.inputSize() != size) {
                reporter.error(Codes.DATA_MISMATCH, at, "`" + kind + "` has " + shown + " inputs per sample, but model `"
                        + model.name() + "` takes " + model.inputSize() + " " + model.inputShape(),
                        size == 784 ? "use `input image: [28, 28]` followed by `flatten`"
                                : "use `input x: [" + size + "]`");
            }
        }

        /** Class labels: cross-entropy needs one output per class; BCE and MSE one output for two classes. */
        private void classes(String kind, int classes, Span at, Model model) {
            int outputs = model.outputSize();
            boolean fits = switch (model.loss()) {
                case CROSS_ENTROPY -> outputs == classes;
                case BINARY_CROSS_ENTROPY -> classes == 2 && outputs == 1;
                case MSE -> classes == 2 && outputs == 1; // a 0/1 target; more classes need cross_entropy
            };
            if (!fits) {
                reporter.error(Codes.DATA_MISMATCH, at, "`" + kind + "` has " + classes + " classes, but model `"
                        + model.name() + "` has " + outputs + " output" + (outputs == 1 ? "" : "s") + " with `"
                        + model.loss().name().toLowerCase(java.util.Locale.ROOT) + "`",
                        model.loss() == LossKind.CROSS_ENTROPY ? "end the model with `dense " + classes + "`"
                                : "`" + model.loss().name().toLowerCase(java.util.Locale.ROOT) + "` handles 2 classes"
                                + " with 1 output; use `loss cross_entropy` and `dense " + classes + "`");
            }
        }
    }
}
