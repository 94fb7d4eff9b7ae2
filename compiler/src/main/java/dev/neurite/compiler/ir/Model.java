package dev.neurite.compiler.ir;

import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.List;

/**
 * A model that passed the checker: every name resolved, every shape known, every argument in range. This is
 * what the code generator and the CLI's summary consume.
 *
 * @param name       the model block's name, also the generated class's simple name
 * @param sourceFile the {@code .nn} file's name as given (for comments and diagnostics)
 * @param line       the line of the {@code model} keyword
 * @param inputName  the name in {@code input NAME: [...]}
 * @param inputShape per-sample input shape
 * @param layers     the layers in order (activation shorthands already split into their own layer)
 * @param loss       the declared loss
 * @param optimizer  the declared optimizer with every default filled in
 */
public record Model(String name, String sourceFile, int line, String inputName, List<Integer> inputShape,
                    List<Layer> layers, LossKind loss, OptimizerSpec optimizer) {

    public Model {
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
    }

    public int inputSize() {
        return inputShape.stream().reduce(1, (a, b) -> a * b);
    }

    public List<Integer> outputShape() {
        return layers.isEmpty() ? inputShape : layers.get(layers.size() - 1).outputShape();
    }

    public int outputSize() {
        return outputShape().stream().reduce(1, (a, b) -> a * b);
    }

    public long parameterCount() {
        return layers.stream().mapToLong(Layer::parameterCount).sum();
    }
}
