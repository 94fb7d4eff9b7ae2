package dev.neurite.runtime.opencl;

import dev.neurite.runtime.backend.Buffer;
import org.jocl.cl_mem;

/**
 * A range of floats in device memory: the whole of a {@code cl_mem} allocation or a view into one. Views keep
 * the allocation and carry their offset in elements, which every kernel takes as an argument next to the
 * buffer (sub-buffers would need device-specific alignment of their origin).
 */
final class OpenClBuffer implements Buffer {

    final OpenClBackend owner;
    final cl_mem memory;
    final int offset;
    private final int length;

    OpenClBuffer(OpenClBackend owner, cl_mem memory, int offset, int length) {
        this.owner = owner;
        this.memory = memory;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "OpenClBuffer[offset=" + offset + ", length=" + length + "]";
    }
}
