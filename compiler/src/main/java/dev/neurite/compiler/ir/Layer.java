package dev.neurite.compiler.ir;

import java.util.List;

/**
 * One checked layer of a model, with the per-sample shapes the checker inferred. The activation shorthand
 * {@code dense 512 -> relu} becomes two layers here, a {@link Dense} followed by an {@link Elementwise}; the
 * code generator fuses them again.
 */
public sealed interface Layer permits Layer.Dense, Layer.Flatten, Layer.Elementwise, Layer.Softmax,
        Layer.Dropout {

    /** Unique name within the model, {@code dense1}, {@code relu2}: field and checkpoint names derive from it. */
    String name();

    /** Where the layer is written in the {@code .nn} file (1-based line). */
    int line();

    /** Per-sample input shape (batch excluded). */
    List<Integer> inputShape();

    /** Per-sample output shape (batch excluded). */
    List<Integer> outputShape();

    /** Number of elements of one sample's output. */
    default int outputSize() {
        return outputShape().stream().reduce(1, (a, b) -> a * b);
    }

    /** Trainable parameters of this layer. */
    default long parameterCount() {
        return 0;
    }

    /** {@code y = x W^T + b}, weights {@code [out, in]}. */
    record Dense(String name, int line, int in, int out, boolean bias,
                 dev.neurite.runtime.init.InitSpec init) implements Layer {
        public List<Integer> inputShape() { return List.of(in); }
        public List<Integer> outputShape() { return List.of(out); }
        @Override public long parameterCount() { return (long) in * out + (bias ? out : 0); }
    }

    /** Reshapes {@code [d1, d2, ...]} to {@code [d1 * d2 * ...]}; no computation. */
    record Flatten(String name, int line, List<Integer> inputShape) implements Layer {
        public Flatten { inputShape = List.copyOf(inputShape); }
        public List<Integer> outputShape() {
            return List.of(inputShape.stream().reduce(1, (a, b) -> a * b));
        }
    }

    /** An element-wise activation; {@code alpha} is leaky ReLU's negative slope (0 for the others). */
    record Elementwise(String name, int line, dev.neurite.runtime.backend.Activation activation, double alpha,
                       List<Integer> inputShape) implements Layer {
        public Elementwise { inputShape = List.copyOf(inputShape); }
        public List<Integer> outputShape() { return inputShape; }
    }

    /** Softmax over the last (only) dimension. */
    record Softmax(String name, int line, List<Integer> inputShape) implements Layer {
        public Softmax { inputShape = List.copyOf(inputShape); }
        public List<Integer> outputShape() { return inputShape; }
    }

    /** Inverted dropout with drop probability {@code p}, active in training only. */
    record Dropout(String name, int line, double p, List<Integer> inputShape) implements Layer {
        public Dropout { inputShape = List.copyOf(inputShape); }
        public List<Integer> outputShape() { return inputShape; }
    }
}
