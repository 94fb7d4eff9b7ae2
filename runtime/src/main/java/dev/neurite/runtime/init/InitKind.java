package dev.neurite.runtime.init;

/** How a layer's weights are initialised. */
public enum InitKind {
    /**
     * PyTorch's {@code nn.Linear} default: weights kaiming-uniform with {@code a = sqrt(5)}, i.e. uniform in
     * {@code ±1/sqrt(fan_in)}, and bias uniform in {@code ±1/sqrt(fan_in)}.
     */
    DEFAULT,
    /** Normal with mean {@code mean} (default 0) and standard deviation {@code std} (default 1); bias zero. */
    NORMAL,
    /** Uniform in {@code [low, high]} (defaults -1, 1... as arguments say); bias zero. */
    UNIFORM,
    /** Xavier/Glorot uniform: {@code ±gain * sqrt(6 / (fan_in + fan_out))}; bias zero. */
    XAVIER,
    /** He/Kaiming normal for ReLU: {@code std = sqrt(2 / fan_in)}; bias zero. */
    HE,
    /** All zeros, weights and bias. */
    ZEROS
}
