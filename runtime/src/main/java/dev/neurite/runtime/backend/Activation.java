package dev.neurite.runtime.backend;

/**
 * Element-wise activation functions. Forward and derivative formulas follow PyTorch's definitions
 * ({@code nn.ReLU}, {@code nn.LeakyReLU}, {@code nn.Sigmoid}, {@code nn.Tanh}, {@code nn.GELU} with the exact erf
 * form); {@link #STEP} is the binary step of the perceptron, {@code x > 0 ? 1 : 0}.
 */
public enum Activation {
    IDENTITY,
    RELU,
    /** {@code x > 0 ? x : alpha * x}; the alpha argument of the kernels is the negative slope. */
    LEAKY_RELU,
    SIGMOID,
    TANH,
    /** {@code x * Phi(x)} with the exact normal CDF, PyTorch's default {@code approximate='none'}. */
    GELU,
    /**
     * Binary step {@code x > 0 ? 1 : 0}. Its true derivative is zero almost everywhere, so gradient optimizers
     * cannot train it; its backward passes the gradient straight through, which is exactly the perceptron rule
     * when the optimizer is {@code perceptron}.
     */
    STEP
}
