package dev.neurite.runtime.cpu;

/** A plain-loop reference {@link Sgemm}: single-threaded, no blocking. Correct, and slow. */
final class ScalarSgemm implements Sgemm {

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float alpha, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += av * bv;
                }
                int at = cOffset + i * ldc + j;
                c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
            }
        }
    }

    @Override
    public String description() {
        return "scalar loops, 1 thread";
    }
}
