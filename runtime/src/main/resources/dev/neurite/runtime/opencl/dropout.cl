// Inverted dropout. Whether element i is kept is a pure function of (seed, i), the rule of
// dev.neurite.runtime.backend.DropoutHash: mix seed and index with the SplitMix64 finalizer and keep the
// element when the top 24 bits of the result are at least keepThreshold = ceil(p * 2^24).

inline ulong dropout_mix(ulong seed, ulong index) {
    ulong z = seed + (index + 1UL) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return z ^ (z >> 31);
}

kernel void dropout_forward(global const float* x, int xOff, global float* mask, int maskOff,
                            global float* y, int yOff, int n, ulong seed, uint keepThreshold, float scale) {
    int i = get_global_id(0);
    if (i >= n) return;
    uint draw = (uint) (dropout_mix(seed, (ulong) i) >> 40);
    float keep = draw >= keepThreshold ? scale : 0.0f;
    mask[maskOff + i] = keep;
    y[yOff + i] = x[xOff + i] * keep;
}
