package dev.neurite.cli.summary;

import dev.neurite.compiler.ir.Layer;
import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A model as a table in the manner of Keras's {@code summary()}: one row per layer with its kind, output shape
 * ({@code B} is the batch) and parameter count, then the totals, the loss and the optimizer.
 *
 * <pre>
 * Model FashionMlp (fashion_mnist.nn:3)
 * Layer     Kind                Output shape   Params
 * ---------------------------------------------------
 * input     Input               [B, 28, 28]         0
 * flatten1  Flatten             [B, 784]            0
 * dense1    Dense(784 -&gt; 512)   [B, 512]      401,920
 * </pre>
 */
public final class ModelSummary {

    private static final String[] HEADER = {"Layer", "Kind", "Output shape", "Params"};

    private ModelSummary() {
    }

    public static String format(Model model) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(new String[] {model.inputName(), "Input", shape(model.inputShape()), count(0)});
        for (Layer layer : model.layers()) {
            rows.add(new String[] {layer.name(), kind(layer), shape(layer.outputShape()), count(layer.parameterCount())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int total = widths[0] + widths[1] + widths[2] + widths[3] + 6;
        StringBuilder text = new StringBuilder();
        text.append("Model ").append(model.name()).append(" (").append(model.sourceFile()).append(':')
                .append(model.line()).append(")\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            text.append(pad(row[0], widths[0])).append("  ").append(pad(row[1], widths[1])).append("  ")
                    .append(pad(row[2], widths[2])).append("  ")
                    .append(" ".repeat(widths[3] - row[3].length())).append(row[3]).append('\n');
            if (r == 0) {
                text.append("-".repeat(total)).append('\n');
            }
        }
        text.append("-".repeat(total)).append('\n');
        text.append("Trainable parameters: ").append(count(model.parameterCount())).append('\n');
        text.append("Loss: ").append(model.loss().name().toLowerCase(Locale.ROOT)).append('\n');
        text.append("Optimizer: ").append(model.optimizer().kind().name().toLowerCase(Locale.ROOT))
                .append(model.optimizer().args().entrySet().stream()
                        .map(e -> e.getKey() + "=" + argument(e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ", "(", ")")))
                .append('\n');
        return text.toString();
    }

    /** {@code Dense(784 -> 512)}, {@code ReLU}, {@code Dropout(p=0.2)}, as PyTorch prints modules. */
    static String kind(Layer layer) {
        if (layer instanceof Layer.Dense dense) {
            return "Dense(" + dense.in() + " -> " + dense.out() + (dense.bias() ? "" : ", bias=false") + ")";
        }
        if (layer instanceof Layer.Flatten) {
            return "Flatten";
        }
        if (layer instanceof Layer.Softmax) {
            return "Softmax";
        }
        if (layer instanceof Layer.Dropout dropout) {
            return "Dropout(p=" + number(dropout.p()) + ")";
        }
        Layer.Elementwise e = (Layer.Elementwise) layer;
        return switch (e.activation()) {
            case RELU -> "ReLU";
            case LEAKY_RELU -> "LeakyReLU(alpha=" + number(e.alpha()) + ")";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case GELU -> "GELU";
            case STEP -> "Step";
            case IDENTITY -> "Identity";
        };
    }

    private static String shape(List<Integer> perSample) {
        return "[B" + perSample.stream().map(d -> ", " + d).collect(Collectors.joining()) + "]";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A switch such as {@code nesterov} as {@code true} or {@code false}, as it is written; others as numbers. */
    private static String argument(String name, double value) {
        return OptimizerSpec.isFlag(name) ? Boolean.toString(value != 0) : number(value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
