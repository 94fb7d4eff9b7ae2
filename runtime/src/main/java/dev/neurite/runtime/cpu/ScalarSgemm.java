package dev.neurite.runtime.cpu;

/**
 * The portable {@link Sgemm}: {@link BlockedSgemm} with a plain-Java {@value #MR} x {@value #NR}
 * micro-kernel. It is what {@link Sgemm#create} returns when the JVM was started without
 * {@code --add-modules jdk.incubator.vector}; cache blocking and threads still apply, SIMD does not.
 */
final class ScalarSgemm extends BlockedSgemm {

    static final int MR = 4;
    static final int NR = 4;

    /** An instance with its own {@code threads} threads. */
    ScalarSgemm(int threads) {
        super(MR, NR, new CpuThreads(threads), true);
    }

    /** An instance on a shared pool, which it does not close. */
    ScalarSgemm(CpuThreads pool) {
        super(MR, NR, pool, false);
    }

    @Override
    public String description() {
        int count = threadCount();
        return "scalar fallback (start the JVM with --add-modules jdk.incubator.vector for SIMD), "
                + count + (count == 1 ? " thread" : " threads");
    }

    @Override
    void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt, int ldbp,
                float alpha, float beta, float[] c, int cAt, int ldc, int rows, int cols, float[] edge) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int q = 0; q < kc; q++) {
            int at = aAt + q * MR;
            int bt = bAt + q * ldbp;
            float b0 = bp[bt];
            float b1 = bp[bt + 1];
            float b2 = bp[bt + 2];
            float b3 = bp[bt + 3];
            float a0 = ap[at];
            float a1 = ap[at + 1];
            float a2 = ap[at + 2];
            float a3 = ap[at + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        edge[0] = c00; edge[1] = c01; edge[2] = c02; edge[3] = c03;
        edge[4] = c10; edge[5] = c11; edge[6] = c12; edge[7] = c13;
        edge[8] = c20; edge[9] = c21; edge[10] = c22; edge[11] = c23;
        edge[12] = c30; edge[13] = c31; edge[14] = c32; edge[15] = c33;
        storeEdge(edge, alpha, beta, c, cAt, ldc, rows, cols);
    }
}
