package dev.neurite.runtime.cpu;

/**
 * Single-precision matrix multiply on host arrays, the hot loop of every dense layer:
 * {@code C = alpha * op(A) * op(B) + beta * C}, row-major, {@code op(A)} of shape {@code [m, k]} and
 * {@code op(B)} of shape {@code [k, n]}. Leading dimensions are row strides of the stored (untransposed)
 * matrices. When {@code beta == 0}, {@code C} is overwritten without being read (NaNs in it do not leak).
 *
 * <p>Implementations must give bitwise identical results for any thread count: work is split over rows and
 * columns of {@code C}, never over {@code k}, and each element's sum is formed in a fixed order.
 */
public interface Sgemm extends AutoCloseable {

    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float alpha, float[] a, int aOffset, int lda,
                  float[] b, int bOffset, int ldb,
                  float beta, float[] c, int cOffset, int ldc);

    /** What runs, for logs: for example {@code "vector API (512-bit), 2 threads"}. */
    String description();

    @Override
    default void close() {
    }

    /**
     * The fastest implementation this JVM supports, using up to {@code threads} threads (the caller's included;
     * the others are daemon threads kept until {@link #close}). With the module {@code jdk.incubator.vector} in
     * the boot layer ({@code --add-modules jdk.incubator.vector}) that is a SIMD kernel; without it, a
     * cache-blocked scalar fallback, and the vector classes are never loaded. Instances are not meant to be
     * shared between threads: concurrent calls are serialized.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    static Sgemm create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("GEMM thread count must be at least 1, got " + threads);
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorSgemm(threads);
        }
        return new ScalarSgemm(threads);
    }
}
