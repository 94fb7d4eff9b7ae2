package dev.neurite.compiler.check;

import dev.neurite.compiler.check.Param.Range;
import dev.neurite.compiler.check.Param.Type;
import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.init.InitKind;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.OptimizerKind;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.neurite.compiler.check.Param.of;
import static dev.neurite.compiler.check.Param.optional;
import static dev.neurite.compiler.check.Param.required;

/** Every name the language resolves, with its parameters and defaults (PyTorch 1.13's where it has them). */
final class Catalog {

    private Catalog() {
    }

    /** Element-wise activations, usable as a layer or after {@code ->}. */
    static final Map<String, Activation> ACTIVATIONS = ordered(
            "relu", Activation.RELU, "sigmoid", Activation.SIGMOID, "tanh", Activation.TANH,
            "step", Activation.STEP, "leaky_relu", Activation.LEAKY_RELU, "gelu", Activation.GELU,
            "identity", Activation.IDENTITY);

    /** Layers by name; {@code linear} is another name for {@code dense}. */
    static final Map<String, Signature> LAYERS = ordered(
            "dense", dense("dense"),
            "linear", dense("linear"),
            "flatten", Signature.of("layer `flatten`"),
            "relu", Signature.of("layer `relu`"),
            "sigmoid", Signature.of("layer `sigmoid`"),
            "tanh", Signature.of("layer `tanh`"),
            "step", Signature.of("layer `step`"),
            "softmax", Signature.of("layer `softmax`"),
            "leaky_relu", Signature.of("layer `leaky_relu`", of("alpha", Type.NUMBER, 0.01, Range.NON_NEGATIVE)),
            "gelu", Signature.of("layer `gelu`"),
            "identity", Signature.of("layer `identity`"),
            "dropout", Signature.of("layer `dropout`", of("p", Type.NUMBER, 0.5, Range.FRACTION)));

    /** What may follow {@code ->}: the activations and {@code softmax}. */
    static final Map<String, Signature> ARROW_ACTIVATIONS = ordered(
            "relu", Signature.of("`relu`"),
            "sigmoid", Signature.of("`sigmoid`"),
            "tanh", Signature.of("`tanh`"),
            "step", Signature.of("`step`"),
            "softmax", Signature.of("`softmax`"),
            "leaky_relu", Signature.of("`leaky_relu`", of("alpha", Type.NUMBER, 0.01, Range.NON_NEGATIVE)),
            "gelu", Signature.of("`gelu`"),
            "identity", Signature.of("`identity`"));

    static final Map<String, InitKind> INIT_KINDS = ordered(
            "default", InitKind.DEFAULT, "normal", InitKind.NORMAL, "uniform", InitKind.UNIFORM,
            "xavier", InitKind.XAVIER, "he", InitKind.HE, "zeros", InitKind.ZEROS);

    static final Map<String, Signature> INITS = ordered(
            "default", Signature.of("init `default`"),
            "normal", Signature.of("init `normal`", of("mean", Type.NUMBER, 0.0),
                    of("std", Type.NUMBER, 1.0, Range.POSITIVE)),
            "uniform", Signature.of("init `uniform`", of("low", Type.NUMBER, -1.0), of("high", Type.NUMBER, 1.0)),
            "xavier", Signature.of("init `xavier`", of("gain", Type.NUMBER, 1.0, Range.POSITIVE)),
            "he", Signature.of("init `he`"),
            "zeros", Signature.of("init `zeros`"));

    static final Map<String, LossKind> LOSSES = ordered(
            "cross_entropy", LossKind.CROSS_ENTROPY, "mse", LossKind.MSE,
            "binary_cross_entropy", LossKind.BINARY_CROSS_ENTROPY);

    static final Map<String, OptimizerKind> OPTIMIZER_KINDS = ordered(
            "sgd", OptimizerKind.SGD, "adam", OptimizerKind.ADAM, "adamw", OptimizerKind.ADAMW,
            "rmsprop", OptimizerKind.RMSPROP, "adagrad", OptimizerKind.ADAGRAD,
            "perceptron", OptimizerKind.PERCEPTRON);

    static final Map<String, Signature> OPTIMIZERS = ordered(
            "sgd", Signature.of("optimizer `sgd`", required("lr", Type.NUMBER, Range.POSITIVE),
                    of("momentum", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("dampening", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("weight_decay", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("nesterov", Type.FLAG, false)),
            "adam", adam("adam", 0.0),
            "adamw", adam("adamw", 0.01),
            "rmsprop", Signature.of("optimizer `rmsprop`", of("lr", Type.NUMBER, 0.01, Range.POSITIVE),
                    of("alpha", Type.NUMBER, 0.99, Range.PROBABILITY),
                    of("eps", Type.NUMBER, 1e-8, Range.POSITIVE),
                    of("weight_decay", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("momentum", Type.NUMBER, 0.0, Range.NON_NEGATIVE)),
            "adagrad", Signature.of("optimizer `adagrad`", of("lr", Type.NUMBER, 0.01, Range.POSITIVE),
                    of("lr_decay", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("weight_decay", Type.NUMBER, 0.0, Range.NON_NEGATIVE),
                    of("eps", Type.NUMBER, 1e-10, Range.POSITIVE)),
            "perceptron", Signature.of("optimizer `perceptron`", of("lr", Type.NUMBER, 1.0, Range.POSITIVE)));

    /** Data sources; synthetic ones take a {@code seed} (default: the train block's seed). */
    static final Map<String, Signature> DATA = ordered(
            "fashion_mnist", Signature.of("data `fashion_mnist`", optional("dir", Type.TEXT)),
            "mnist", Signature.of("data `mnist`", optional("dir", Type.TEXT)),
            "idx", Signature.of("data `idx`", required("train_images", Type.TEXT),
                    required("train_labels", Type.TEXT), optional("test_images", Type.TEXT),
                    optional("test_labels", Type.TEXT)),
            "csv", Signature.of("data `csv`", required("path", Type.TEXT), optional("label", Type.TEXT_OR_WHOLE),
                    optional("test", Type.TEXT)),
            "spiral", Signature.of("data `spiral`", of("samples", Type.SIZE, 100.0), of("classes", Type.SIZE, 3.0),
                    optional("seed", Type.WHOLE)),
            "vertical", Signature.of("data `vertical`", of("samples", Type.SIZE, 100.0),
                    of("classes", Type.SIZE, 3.0), optional("seed", Type.WHOLE)),
            "xor", Signature.of("data `xor`", optional("seed", Type.WHOLE)),
            "linear", Signature.of("data `linear`", of("samples", Type.SIZE, 100.0), of("slope", Type.NUMBER, 2.0),
                    of("noise", Type.NUMBER, 0.0, Range.NON_NEGATIVE), optional("seed", Type.WHOLE)));

    /** The keys of a train block; {@code data}, {@code validation} and {@code normalize} are checked apart. */
    static final Map<String, Signature> SETTINGS = ordered(
            "data", Signature.of("`data`"),
            "epochs", Signature.of("`epochs`", required("epochs", Type.SIZE)),
            "batch", Signature.of("`batch`", required("batch", Type.SIZE)),
            "shuffle", Signature.of("`shuffle`", required("shuffle", Type.FLAG)),
            "seed", Signature.of("`seed`", required("seed", Type.WHOLE)),
            "validation", Signature.of("`validation`"),
            "normalize", Signature.of("`normalize`", required("mean", Type.NUMBER),
                    required("std", Type.NUMBER, Range.POSITIVE)));

    static final Map<String, Signature> VALIDATIONS = ordered(
            "test", Signature.of("validation `test`"),
            "split", Signature.of("validation `split`", required("fraction", Type.NUMBER, Range.OPEN_FRACTION)),
            "none", Signature.of("validation `none`"));

    private static Signature dense(String name) {
        return Signature.of("layer `" + name + "`", required("units", Type.SIZE,
                "expected a layer size after `" + name + "`", "write the number of outputs, as in `" + name + " 128`"), of("bias", Type.FLAG, true));
    }

    private static Signature adam(String name, double weightDecay) {
        return Signature.of("optimizer `" + name + "`", of("lr", Type.NUMBER, 0.001, Range.POSITIVE),
                of("beta1", Type.NUMBER, 0.9, Range.FRACTION), of("beta2", Type.NUMBER, 0.999, Range.FRACTION),
                of("eps", Type.NUMBER, 1e-8, Range.POSITIVE),
                of("weight_decay", Type.NUMBER, weightDecay, Range.NON_NEGATIVE));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
