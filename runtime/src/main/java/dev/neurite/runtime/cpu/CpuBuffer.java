package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Buffer;

import java.util.Objects;

/**
 * A {@link CpuBackend} buffer: {@code length} floats of a host array starting at {@code offset}. Slices share the
 * array, which is how a model's parameters live in one array that optimizers update in one pass.
 *
 * @param data   the backing array, possibly shared with other views
 * @param offset index of element 0 in {@code data}
 * @param length number of elements
 */
public record CpuBuffer(float[] data, int offset, int length) implements Buffer {

    public CpuBuffer {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
    }
}
