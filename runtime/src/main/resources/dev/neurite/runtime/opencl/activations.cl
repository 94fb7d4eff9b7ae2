// Activation functions shared by the element-wise kernels and the GEMM epilogue.
// The ACT_* codes are defined by the host as build options, one per dev.neurite.runtime.backend.Activation.

inline float activate(int act, float alpha, float x) {
    switch (act) {
        case ACT_RELU:       return x > 0.0f ? x : 0.0f;
        case ACT_LEAKY_RELU: return x > 0.0f ? x : alpha * x;
        case ACT_SIGMOID:    return 1.0f / (1.0f + exp(-x));
        case ACT_TANH:       return tanh(x);
        case ACT_GELU:       return 0.5f * x * (1.0f + erf(x * M_SQRT1_2_F));
        case ACT_STEP:       return x > 0.0f ? 1.0f : 0.0f;
        default:             return x;
    }
}

// dy * act'(x), where y = act(x); sigmoid and tanh use y, the others x.
inline float activation_gradient(int act, float alpha, float x, float y, float dy) {
    switch (act) {
        case ACT_RELU:       return x > 0.0f ? dy : 0.0f;
        case ACT_LEAKY_RELU: return x > 0.0f ? dy : alpha * dy;
        case ACT_SIGMOID:    return dy * y * (1.0f - y);
        case ACT_TANH:       return dy * (1.0f - y * y);
        case ACT_GELU: {
            float cdf = 0.5f * (1.0f + erf(x * M_SQRT1_2_F));
            float pdf = exp(-0.5f * x * x) * (M_2_SQRTPI_F * M_SQRT1_2_F * 0.5f);
            return dy * (cdf + x * pdf);
        }
        default:             return dy; // identity, and the straight-through step
    }
}
