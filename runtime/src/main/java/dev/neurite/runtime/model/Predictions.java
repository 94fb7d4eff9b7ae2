package dev.neurite.runtime.model;

import dev.neurite.runtime.loss.LossKind;

/** Turning a model's outputs into a class, the same way for training metrics, evaluation and prediction. */
public final class Predictions {

    private Predictions() {
    }

    /**
     * The class that {@code outputs[offset .. offset + count)} predicts: the index of the largest output (first
     * on ties, like {@code torch.argmax}), or for a single binary-cross-entropy logit {@code 1} when it is
     * positive.
     */
    public static int predictedClass(float[] outputs, int offset, int count, LossKind loss) {
        if (count == 1) {
            double threshold = loss == LossKind.BINARY_CROSS_ENTROPY ? 0.0 : 0.5;
            return outputs[offset] > threshold ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (outputs[offset + i] > outputs[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
