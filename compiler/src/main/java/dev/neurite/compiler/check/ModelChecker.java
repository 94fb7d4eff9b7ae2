package dev.neurite.compiler.check;

import dev.neurite.compiler.ast.Call;
import dev.neurite.compiler.ast.Declaration;
import dev.neurite.compiler.ast.Expr;
import dev.neurite.compiler.ast.ModelStatement;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.diag.Suggestions;
import dev.neurite.compiler.ir.Layer;
import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.init.InitSpec;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.OptimizerKind;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one {@code model} block: resolves its names, binds arguments, infers the per-sample shape after every
 * layer, and checks that loss, optimizer and output fit together. Reports every problem it finds and keeps going
 * (an unknown shape stops only the shape checks that depend on it).
 */
final class ModelChecker {

    private final String fileName;
    private final Evaluator evaluator;
    private final Reporter reporter;

    private final List<Layer> layers = new ArrayList<>();
    private final List<Span> layerSpans = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();
    /** The per-sample shape flowing through the layers; {@code null} once it is unknown after an error. */
    private List<Integer> shape;

    ModelChecker(String fileName, Evaluator evaluator, Reporter reporter) {
        this.fileName = fileName;
        this.evaluator = evaluator;
        this.reporter = reporter;
    }

    /** The checked model, or {@code null} if the block has errors (all of them reported). */
    Model check(Declaration.Model block) {
        int errorsBefore = reporter.errorCount();
        ModelStatement.Input input = null;
        ModelStatement.Loss lossStatement = null;
        ModelStatement.Optimizer optimizerStatement = null;
        boolean sawLayer = false;
        List<Integer> inputShape = null;

        for (ModelStatement statement : block.statements()) {
            if (statement instanceof ModelStatement.Input in) {
                if (input != null) {
                    duplicate("input", in.span(), input.span(), block.name());
                    continue;
                }
                if (sawLayer) {
                    reporter.error(Codes.MISPLACED_STATEMENT, in.span(), "`input` must come before the layers",
                            "move this line to the start of model `" + block.name() + "`");
                }
                input = in;
                inputShape = inputShape(in);
                shape = inputShape;
            } else if (statement instanceof ModelStatement.Loss loss) {
                if (lossStatement != null) {
                    duplicate("loss", loss.span(), lossStatement.span(), block.name());
                    continue;
                }
                lossStatement = loss;
            } else if (statement instanceof ModelStatement.Optimizer optimizer) {
                if (optimizerStatement != null) {
                    duplicate("optimizer", optimizer.span(), optimizerStatement.span(), block.name());
                    continue;
                }
                optimizerStatement = optimizer;
            } else {
                ModelStatement.Layer layer = (ModelStatement.Layer) statement;
                if (input == null && !sawLayer) {
                    reporter.error(Codes.MISPLACED_STATEMENT, layer.span(),
                            "layer `" + layer.kind() + "` comes before the model's `input`",
                            "declare the input first, for example `input x: [784]`");
                }
                sawLayer = true;
                layer(layer);
            }
        }

        if (input == null && block.complete()) {
            reporter.error(Codes.MISSING_INPUT, block.span(), "model `" + block.name() + "` has no input",
                    "add a line such as `input x: [784]` before the first layer");
        }
        LossKind loss = lossStatement == null ? null : loss(lossStatement.loss());
        if (lossStatement == null && block.complete()) {
            reporter.error(Codes.MISSING_LOSS, block.span(), "model `" + block.name() + "` has no loss",
                    "add a line such as `loss cross_entropy` after the layers");
        }
        OptimizerSpec optimizer = optimizerStatement == null ? null : optimizer(optimizerStatement.optimizer());
        if (optimizerStatement == null && block.complete()) {
            reporter.error(Codes.MISSING_OPTIMIZER, block.span(), "model `" + block.name() + "` has no optimizer",
                    "add a line such as `optimizer adam(lr = 1e-3)` after the loss");
        }
        if (loss != null && shape != null) {
            checkLoss(block.name(), loss, lossStatement.loss().span());
        }
        if (optimizer != null) {
            checkOptimizer(optimizer, optimizerStatement.optimizer(), loss);
        }
        if (reporter.errorCount() > errorsBefore || input == null || loss == null || optimizer == null) {
            return null;
        }
        return new Model(block.name(), fileName, block.keyword().line(), input.name(), inputShape, layers, loss,
                optimizer);
    }

    private void duplicate(String what, Span at, Span first, String model) {
        reporter.error(Codes.MISPLACED_STATEMENT, at, "model `" + model + "` declares `" + what + "` twice",
                "remove one of them (the first is at " + first.line() + ":" + first.column() + ")");
    }

    private List<Integer> inputShape(ModelStatement.Input input) {
        List<Integer> dimensions = new ArrayList<>();
        boolean valid = true;
        for (Expr dimension : input.dimensions()) {
            Object value = evaluator.evaluate(dimension);
            if (value instanceof Double d && d == Math.rint(d) && d >= 1 && d <= Integer.MAX_VALUE) {
                dimensions.add(d.intValue());
            } else {
                if (value != null) {
                    reporter.error(Codes.ARGUMENT_TYPE, dimension.span(),
                            "an input dimension must be a positive whole number, not " + Signature.show(value),
                            null);
                }
                valid = false;
            }
        }
        if (valid && dimensions.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b)
                > Integer.MAX_VALUE) {
            reporter.error(Codes.ARGUMENT_RANGE, input.shapeSpan(), "the input has more than 2^31 elements", null);
            valid = false;
        }
        return valid ? dimensions : null;
    }

    private void layer(ModelStatement.Layer statement) {
        Signature signature = Catalog.LAYERS.get(statement.kind());
        if (signature == null) {
            reporter.error(Codes.UNKNOWN_LAYER, statement.span(), "unknown layer `" + statement.kind() + "`",
                    Suggestions.didYouMean(statement.kind(), Catalog.LAYERS.keySet(),
                            "the layers are " + String.join(", ", Catalog.LAYERS.keySet())));
            shape = null;
            return;
        }
        Map<String, Object> args = signature.bind(statement.arguments(), statement.span(), evaluator, reporter);
        boolean dense = statement.kind().equals("dense") || statement.kind().equals("linear");
        if (!dense) {
            if (statement.activation() != null) {
                reporter.error(Codes.NOT_AFTER_DENSE, statement.activation().span(),
                        "`->` can only follow a dense layer", "write the activation on its own line: `"
                        + statement.activation().name() + "`");
            }
            if (statement.init() != null) {
                reporter.error(Codes.NOT_AFTER_DENSE, statement.init().span(),
                        "only dense layers have weights to initialise", "remove `init " + statement.init().name()
                        + "`");
            }
        }
        int line = statement.span().line();
        switch (statement.kind()) {
            case "dense", "linear" -> dense(statement, args, line);
            case "flatten" -> {
                if (shape != null) {
                    add(new Layer.Flatten(name("flatten"), line, shape), statement.span());
                }
            }
            case "softmax" -> softmax(statement.span(), "softmax");
            case "dropout" -> {
                if (shape != null && args.get("p") instanceof Double p) {
                    add(new Layer.Dropout(name("dropout"), line, p, shape), statement.span());
                }
            }
            default -> activation(statement.kind(), args, statement.span());
        }
    }

    private void dense(ModelStatement.Layer statement, Map<String, Object> args, int line) {
        String kind = statement.kind();
        InitSpec init = statement.init() == null ? InitSpec.DEFAULT : init(statement.init());
        if (shape != null && shape.size() != 1) {
            reporter.error(Codes.SHAPE_MISMATCH, statement.span(),
                    kind + " expects a flat input but gets " + shape, "add `flatten` before it");
            shape = List.of(shape.stream().reduce(1, (a, b) -> a * b)); // go on as if flattened
        }
        Object units = args.get("units");
        // A bad `bias` value (already reported) leaves no flag: check the rest, but build no layer.
        Object bias = args.get("bias");
        if (shape == null || units == null || init == null || !(bias instanceof Boolean)) {
            shape = units == null ? null : List.of(((Double) units).intValue());
        } else {
            int out = ((Double) units).intValue();
            add(new Layer.Dense(name("dense"), line, shape.get(0), out, (Boolean) bias, init), statement.span());
            shape = List.of(out);
        }
        Call activation = statement.activation();
        if (activation != null) {
            Signature signature = Catalog.ARROW_ACTIVATIONS.get(activation.name());
            if (signature == null) {
                reporter.error(Codes.UNKNOWN_ACTIVATION, activation.span(),
                        "unknown activation `" + activation.name() + "`",
                        Suggestions.didYouMean(activation.name(), Catalog.ARROW_ACTIVATIONS.keySet(),
                                "the activations are " + String.join(", ", Catalog.ARROW_ACTIVATIONS.keySet())));
                shape = null;
                return;
            }
            Map<String, Object> activationArgs = signature.bind(activation.arguments(), activation.span(),
                    evaluator, reporter);
            if (activation.name().equals("softmax")) {
                softmax(activation.span(), "softmax");
            } else {
                activation(activation.name(), activationArgs, activation.span());
            }
        }
    }

    private InitSpec init(Call call) {
        Signature signature = Catalog.INITS.get(call.name());
        if (signature == null) {
            reporter.error(Codes.UNKNOWN_INIT, call.span(), "unknown initialisation `" + call.name() + "`",
                    Suggestions.didYouMean(call.name(), Catalog.INITS.keySet(),
                            "the initialisations are " + String.join(", ", Catalog.INITS.keySet())));
            return null;
        }
        Map<String, Object> args = signature.bind(call.arguments(), call.span(), evaluator, reporter);
        if (args.get("low") instanceof Double low && args.get("high") instanceof Double high && low >= high) {
            reporter.error(Codes.ARGUMENT_RANGE, call.span(), "init `uniform` needs `low` < `high`, but "
                    + Signature.show(low) + " >= " + Signature.show(high), null);
            return null;
        }
        return new InitSpec(Catalog.INIT_KINDS.get(call.name()), numbers(args));
    }

    private void softmax(Span at, String kind) {
        if (shape == null) {
            return;
        }
        if (shape.size() != 1) {
            reporter.error(Codes.SHAPE_MISMATCH, at, kind + " expects a flat input but gets " + shape,
                    "add `flatten` before it");
            shape = null;
            return;
        }
        add(new Layer.Softmax(name("softmax"), at.line(), shape), at);
    }

    private void activation(String kind, Map<String, Object> args, Span at) {
        if (shape == null) {
            return;
        }
        Activation activation = Catalog.ACTIVATIONS.get(kind);
        double alpha = args.get("alpha") instanceof Double a ? a : 0;
        add(new Layer.Elementwise(name(kind), at.line(), activation, alpha, shape), at);
    }

    private void add(Layer layer, Span at) {
        layers.add(layer);
        layerSpans.add(at);
        shape = layer.outputShape();
    }

    /** {@code dense1}, {@code dense2}, {@code relu1}: kind plus a running number per kind. */
    private String name(String kind) {
        return kind + counters.merge(kind, 1, Integer::sum);
    }

    private LossKind loss(Call call) {
        LossKind kind = Catalog.LOSSES.get(call.name());
        if (kind == null) {
            reporter.error(Codes.UNKNOWN_LOSS, call.span(), "unknown loss `" + call.name() + "`",
                    Suggestions.didYouMean(call.name(), Catalog.LOSSES.keySet(),
                            "the losses are " + String.join(", ", Catalog.LOSSES.keySet())));
            return null;
        }
        Signature.of("loss `" + call.name() + "`").bind(call.arguments(), call.span(), evaluator, reporter);
        return kind;
    }

    private OptimizerSpec optimizer(Call call) {
        Signature signature = Catalog.OPTIMIZERS.get(call.name());
        if (signature == null) {
            reporter.error(Codes.UNKNOWN_OPTIMIZER, call.span(), "unknown optimizer `" + call.name() + "`",
                    Suggestions.didYouMean(call.name(), Catalog.OPTIMIZERS.keySet(),
                            "the optimizers are " + String.join(", ", Catalog.OPTIMIZERS.keySet())));
            return null;
        }
        Map<String, Object> args = signature.bind(call.arguments(), call.span(), evaluator, reporter);
        if (args.size() < signature.params().size()) {
            return null; // a required argument is missing or invalid: reported
        }
        return new OptimizerSpec(Catalog.OPTIMIZER_KINDS.get(call.name()), numbers(args));
    }

    /** Cross-entropy and BCE against the output; fuses a final softmax or sigmoid into the loss. */
    private void checkLoss(String model, LossKind loss, Span at) {
        if (loss == LossKind.CROSS_ENTROPY && !layers.isEmpty() && last() instanceof Layer.Softmax) {
            fuse("softmax", "cross_entropy");
        }
        if (loss == LossKind.BINARY_CROSS_ENTROPY && !layers.isEmpty()
                && last() instanceof Layer.Elementwise e && e.activation() == Activation.SIGMOID) {
            fuse("sigmoid", "binary_cross_entropy");
        }
        int outputs = shape.stream().reduce(1, (a, b) -> a * b);
        if (loss == LossKind.CROSS_ENTROPY && (shape.size() != 1 || outputs < 2)) {
            reporter.error(Codes.LOSS_MISMATCH, at, shape.size() != 1
                            ? "`cross_entropy` needs a flat output, but model `" + model + "` outputs " + shape
                            : "`cross_entropy` needs at least 2 outputs (one per class), but model `" + model
                            + "` has " + outputs,
                    shape.size() != 1 ? "add `flatten` and a `dense` layer with one output per class"
                            : "use `loss binary_cross_entropy` for one output, or end with `dense N` for N classes");
        }
        if (loss == LossKind.BINARY_CROSS_ENTROPY && outputs != 1) {
            reporter.error(Codes.LOSS_MISMATCH, at, "`binary_cross_entropy` needs exactly 1 output, but model `"
                    + model + "` has " + outputs, "use `loss cross_entropy` for " + outputs + " classes");
        }
    }

    private Layer last() {
        return layers.get(layers.size() - 1);
    }

    private void fuse(String activation, String loss) {
        Span at = layerSpans.remove(layerSpans.size() - 1);
        layers.remove(layers.size() - 1);
        reporter.note(Codes.FUSED_INTO_LOSS, at, "the final `" + activation + "` is part of `" + loss + "`",
                "training uses the fused, numerically stable form; predictions still apply `" + activation + "`");
    }

    private void checkOptimizer(OptimizerSpec optimizer, Call call, LossKind loss) {
        boolean hasStep = layers.stream().anyMatch(l -> l instanceof Layer.Elementwise e
                && e.activation() == Activation.STEP);
        if (optimizer.kind() != OptimizerKind.PERCEPTRON) {
            if (hasStep) {
                reporter.error(Codes.OPTIMIZER_MISMATCH, call.span(),
                        "a `step` unit has no gradient, so `" + call.name() + "` cannot train it",
                        "use `optimizer perceptron` (the perceptron rule) or a differentiable activation such as "
                                + "`sigmoid`");
            }
            return;
        }
        boolean endsInStep = !layers.isEmpty() && last() instanceof Layer.Elementwise e
                && e.activation() == Activation.STEP;
        if (shape != null && !endsInStep) {
            reporter.error(Codes.OPTIMIZER_MISMATCH, call.span(),
                    "the perceptron rule needs a network that ends in `step`", "end the last layer with `-> step`");
        }
        if (loss != null && loss != LossKind.MSE) {
            reporter.error(Codes.OPTIMIZER_MISMATCH, call.span(), "the perceptron rule needs `loss mse`",
                    "change the loss to `loss mse`");
        }
    }

    /** Arguments as doubles; flags become 1 or 0. */
    private static Map<String, Double> numbers(Map<String, Object> args) {
        Map<String, Double> numbers = new HashMap<>();
        args.forEach((name, value) -> numbers.put(name,
                value instanceof Boolean b ? (b ? 1.0 : 0.0) : (Double) value));
        return numbers;
    }
}
