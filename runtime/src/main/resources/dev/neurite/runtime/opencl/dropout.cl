// Inverted dropout. Whether element i is kept is a pure function of (seed, i): the rule of
// dev.neurite.runtime.backend.DropoutHash, step for step in 64-bit unsigned arithmetic (SplitMix64's counter
// step and finaliser, then the top 24 bits against keepThreshold = DropoutHash.threshold(p)). OpenClKernelsTest
// checks the masks against CpuBackend's bit for bit.

inline uint dropout_draw(ulong seed, ulong index) {
    ulong z = seed + (index + 1UL) * 0x9E3779B97F4A7C15UL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    z = z ^ (z >> 31);
    return (uint) (z >> 40);
}

kernel void dropout_forward(global const float* x, int xOff, global float* mask, int maskOff,
                            global float* y, int yOff, int n, ulong seed, uint keepThreshold, float scale) {
    int i = get_global_id(0);
    if (i >= n) return;
    float keep = dropout_draw(seed, (ulong) i) >= keepThreshold ? scale : 0.0f;
    mask[maskOff + i] = keep;
    y[yOff + i] = x[xOff + i] * keep;
}
