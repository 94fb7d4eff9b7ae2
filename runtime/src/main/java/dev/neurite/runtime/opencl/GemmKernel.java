package dev.neurite.runtime.opencl;

/**
 * Which GEMM kernels an {@link OpenClBackend} runs. CPUs and GPUs want opposite things: on PoCL's CPU device the
 * register-blocked kernels reach over a hundred GFLOP/s where the local-memory tiled one stays in single
 * digits, while GPUs need the tiles in local memory to feed their many work-items.
 */
public enum GemmKernel {
    /** Each work-item computes a block of C in float16 vector registers; no local memory. For CPU devices. */
    REGISTER_BLOCKED,
    /** Work-groups stage square tiles of A and B in local memory. For GPUs and accelerators. */
    LOCAL_TILED;

    /** The kernel that suits the device: {@link #REGISTER_BLOCKED} on CPUs, {@link #LOCAL_TILED} elsewhere. */
    public static GemmKernel defaultFor(OpenClDevice device) {
        return device.isCpu() ? REGISTER_BLOCKED : LOCAL_TILED;
    }
}
