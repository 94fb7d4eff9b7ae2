package dev.neurite.runtime.model;

import java.util.List;

/**
 * One named parameter tensor of a model, a view into the model's flat parameter buffer.
 *
 * @param name   checkpoint name, PyTorch style: {@code dense1.weight}, {@code dense1.bias}
 * @param shape  {@code [out, in]} for weights, {@code [out]} for biases
 * @param offset first element in the flat parameter (and gradient) buffer
 */
public record ParameterTensor(String name, List<Integer> shape, int offset) {

    public ParameterTensor {
        shape = List.copyOf(shape);
    }

    public int size() {
        return shape.stream().reduce(1, (a, b) -> a * b);
    }
}
