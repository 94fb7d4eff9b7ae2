package dev.neurite.runtime.loss;

/** The losses a model can declare, with PyTorch's mean reduction. */
public enum LossKind {
    /** Softmax fused with cross-entropy on logits; targets are class indices (or one-hot rows). */
    CROSS_ENTROPY,
    /** Mean squared error over all outputs; targets have the output's shape. */
    MSE,
    /** Binary cross-entropy on one logit per sample, sigmoid fused (PyTorch's {@code BCEWithLogitsLoss}). */
    BINARY_CROSS_ENTROPY
}
