package dev.neurite.runtime.model;

import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.List;

/**
 * What a generated model says about itself, enough to feed it data and to save and check checkpoints.
 *
 * @param name        the model's name in the {@code .nn} file
 * @param sourceHash  SHA-256 (hex) of the {@code .nn} source it was generated from
 * @param inputShape  per-sample input shape
 * @param outputSize  outputs per sample (classes, for a classifier)
 * @param loss        the loss it trains with
 * @param optimizer   its optimizer with every hyper-parameter
 * @param parameters  every parameter tensor, in layer order, tiling the flat parameter buffer
 */
public record ModelInfo(String name, String sourceHash, List<Integer> inputShape, int outputSize, LossKind loss,
                        OptimizerSpec optimizer, List<ParameterTensor> parameters) {

    public ModelInfo {
        inputShape = List.copyOf(inputShape);
        parameters = List.copyOf(parameters);
    }

    /** Inputs per sample; an indexed loop, because training steps call it and must not allocate. */
    public int inputSize() {
        int size = 1;
        for (int i = 0; i < inputShape.size(); i++) {
            size *= inputShape.get(i);
        }
        return size;
    }

    public int parameterCount() {
        return parameters.stream().mapToInt(ParameterTensor::size).sum();
    }

    /** Target values per sample: one class index for cross-entropy, one value per output otherwise. */
    public int targetSize() {
        return loss == LossKind.CROSS_ENTROPY ? 1 : outputSize;
    }
}
