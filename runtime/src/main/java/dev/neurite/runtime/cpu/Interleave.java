package dev.neurite.runtime.cpu;

/**
 * The copy that packing a transposed operand comes down to: rows of a row-major matrix written interleaved, so
 * that the values of all rows at one {@code q} lie side by side. Scalar code: vector shuffles and gathers, which a
 * faster transpose needs, allocate on JDK 17.
 */
final class Interleave {

    private Interleave() {
    }

    /**
     * Copies element {@code (r, q)} of the {@code rows x k} block at {@code src[srcAt]} (rows {@code ld} apart) to
     * {@code dst[dstAt + q * stride + r]}. Eight rows are read side by side (eight sequential streams, 32 adjacent
     * bytes written per {@code q}): when the forward product 64x512x784 still packed the transposed weights,
     * four rows at a time had made it 15-20% faster than one, and eight ~15% faster than four (bench/README.md).
     */
    static void rows(float[] src, int srcAt, int ld, int rows, int k, float[] dst, int dstAt, int stride) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int from = srcAt + r * ld;
            for (int q = 0; q < k; q++) {
                int to = dstAt + q * stride + r;
                dst[to] = src[from + q];
                dst[to + 1] = src[from + ld + q];
                dst[to + 2] = src[from + 2 * ld + q];
                dst[to + 3] = src[from + 3 * ld + q];
                dst[to + 4] = src[from + 4 * ld + q];
                dst[to + 5] = src[from + 5 * ld + q];
                dst[to + 6] = src[from + 6 * ld + q];
                dst[to + 7] = src[from + 7 * ld + q];
            }
        }
        for (; r < rows; r++) {
            int from = srcAt + r * ld;
            for (int q = 0; q < k; q++) {
                dst[dstAt + q * stride + r] = src[from + q];
            }
        }
    }
}
