package dev.neurite.runtime.backend;

/**
 * A contiguous range of numbers owned by a {@link Backend}: a host array for the CPU backends, device memory
 * for OpenCL. Generated models never look inside a buffer; they hand buffers to the backend's kernels. A buffer
 * may be a view into a larger one (see {@link Backend#slice}), which is how all parameters of a model live in one
 * flat buffer that the optimizer updates in a single pass.
 */
public interface Buffer {
    /** Number of elements in this buffer or view. */
    int length();
}
