package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Buffer;

import java.util.Objects;

/**
 * A {@link DoubleCpuBackend} buffer: {@code length} doubles of a host array starting at {@code offset}.
 *
 * @param data   the backing array, possibly shared with other views
 * @param offset index of element 0 in {@code data}
 * @param length number of elements
 */
public record DoubleCpuBuffer(double[] data, int offset, int length) implements Buffer {

    public DoubleCpuBuffer {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
    }
}
