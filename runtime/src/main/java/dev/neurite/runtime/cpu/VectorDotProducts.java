package dev.neurite.runtime.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha * A * B^T + beta * C} for row-major A and B without packing: the forward product of a dense
 * layer, {@code Y = X * W^T}, where the rows of X and of W both run along {@code k}. Every element of C is a dot
 * product of two contiguous rows, so a micro-tile of {@value #MR} rows of A by {@value #NR} rows of B keeps
 * {@code MR * NR} vector accumulators, each step loading {@code MR + NR} vectors and issuing {@code MR * NR}
 * fused multiply-adds; each accumulator's lanes are added once at the end, then the {@code k % L} leftover
 * products are added one by one.
 *
 * <p>Every element is summed in the same order (lane-wise chains over {@code k}, the lane reduction, the tail),
 * whatever tile it lands in: a tile at the edge of C repeats its last row of A or B and stores only what
 * belongs to C. So results do not depend on how C was split between threads. The lane sum
 * ({@code reduceLanes(ADD)}) adds the lanes in order, both in C2's intrinsic and in the Java fallback.
 *
 * <p>Used by {@link VectorSgemm} for {@code transB && !transA} when C is narrower than its packed micro-tile; only
 * loaded with {@code jdk.incubator.vector}.
 */
final class VectorDotProducts {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    private static final int L = F.length();
    /** Rows of A (and of C) in one micro-tile. */
    static final int MR = 4;
    /** Rows of B (columns of C) in one micro-tile. */
    static final int NR = 4;
    /** Rows of A walked for each tile column: 64 rows of 784 floats (200 kB) stay in the L2 cache. */
    private static final int MC = 64;

    private VectorDotProducts() {
    }

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    static void multiply(int i0, int i1, int j0, int j1, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        for (int ic = i0; ic < i1; ic += MC) {
            int iEnd = Math.min(i1, ic + MC);
            for (int j = j0; j < j1; j += NR) {
                int cols = Math.min(NR, j1 - j);
                for (int i = ic; i < iEnd; i += MR) {
                    int rows = Math.min(MR, iEnd - i);
                    tile(k, alpha, a, aOffset + i * lda, lda, rows, b, bOffset + j * ldb, ldb, cols,
                            beta, c, cOffset + i * ldc + j, ldc);
                }
            }
        }
    }

    /**
     * One {@code rows x cols} tile (at most {@code MR x NR}) of C at {@code cAt}, from the rows of A starting at
     * {@code aAt} and the rows of B starting at {@code bAt}.
     */
    private static void tile(int k, float alpha, float[] a, int aAt, int lda, int rows,
                             float[] b, int bAt, int ldb, int cols,
                             float beta, float[] c, int cAt, int ldc) {
        // Rows past the edge repeat the last real row: computed, never stored.
        int a0 = aAt;
        int a1 = aAt + Math.min(1, rows - 1) * lda;
        int a2 = aAt + Math.min(2, rows - 1) * lda;
        int a3 = aAt + Math.min(3, rows - 1) * lda;
        int b0 = bAt;
        int b1 = bAt + Math.min(1, cols - 1) * ldb;
        int b2 = bAt + Math.min(2, cols - 1) * ldb;
        int b3 = bAt + Math.min(3, cols - 1) * ldb;
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int vectorEnd = k - k % L;
        for (int q = 0; q < vectorEnd; q += L) {
            FloatVector w0 = FloatVector.fromArray(F, b, b0 + q);
            FloatVector w1 = FloatVector.fromArray(F, b, b1 + q);
            FloatVector w2 = FloatVector.fromArray(F, b, b2 + q);
            FloatVector w3 = FloatVector.fromArray(F, b, b3 + q);
            FloatVector x = FloatVector.fromArray(F, a, a0 + q);
            c00 = x.fma(w0, c00);
            c01 = x.fma(w1, c01);
            c02 = x.fma(w2, c02);
            c03 = x.fma(w3, c03);
            x = FloatVector.fromArray(F, a, a1 + q);
            c10 = x.fma(w0, c10);
            c11 = x.fma(w1, c11);
            c12 = x.fma(w2, c12);
            c13 = x.fma(w3, c13);
            x = FloatVector.fromArray(F, a, a2 + q);
            c20 = x.fma(w0, c20);
            c21 = x.fma(w1, c21);
            c22 = x.fma(w2, c22);
            c23 = x.fma(w3, c23);
            x = FloatVector.fromArray(F, a, a3 + q);
            c30 = x.fma(w0, c30);
            c31 = x.fma(w1, c31);
            c32 = x.fma(w2, c32);
            c33 = x.fma(w3, c33);
        }
        float s00 = c00.reduceLanes(VectorOperators.ADD), s01 = c01.reduceLanes(VectorOperators.ADD);
        float s02 = c02.reduceLanes(VectorOperators.ADD), s03 = c03.reduceLanes(VectorOperators.ADD);
        float s10 = c10.reduceLanes(VectorOperators.ADD), s11 = c11.reduceLanes(VectorOperators.ADD);
        float s12 = c12.reduceLanes(VectorOperators.ADD), s13 = c13.reduceLanes(VectorOperators.ADD);
        float s20 = c20.reduceLanes(VectorOperators.ADD), s21 = c21.reduceLanes(VectorOperators.ADD);
        float s22 = c22.reduceLanes(VectorOperators.ADD), s23 = c23.reduceLanes(VectorOperators.ADD);
        float s30 = c30.reduceLanes(VectorOperators.ADD), s31 = c31.reduceLanes(VectorOperators.ADD);
        float s32 = c32.reduceLanes(VectorOperators.ADD), s33 = c33.reduceLanes(VectorOperators.ADD);
        for (int q = vectorEnd; q < k; q++) {
            float w0 = b[b0 + q], w1 = b[b1 + q], w2 = b[b2 + q], w3 = b[b3 + q];
            float x = a[a0 + q];
            s00 += x * w0; s01 += x * w1; s02 += x * w2; s03 += x * w3;
            x = a[a1 + q];
            s10 += x * w0; s11 += x * w1; s12 += x * w2; s13 += x * w3;
            x = a[a2 + q];
            s20 += x * w0; s21 += x * w1; s22 += x * w2; s23 += x * w3;
            x = a[a3 + q];
            s30 += x * w0; s31 += x * w1; s32 += x * w2; s33 += x * w3;
        }
        storeRow(s00, s01, s02, s03, cols, alpha, beta, c, cAt);
        if (rows > 1) {
            storeRow(s10, s11, s12, s13, cols, alpha, beta, c, cAt + ldc);
        }
        if (rows > 2) {
            storeRow(s20, s21, s22, s23, cols, alpha, beta, c, cAt + 2 * ldc);
        }
        if (rows > 3) {
            storeRow(s30, s31, s32, s33, cols, alpha, beta, c, cAt + 3 * ldc);
        }
    }

    /** Stores the first {@code cols} of four sums into a row of C. */
    private static void storeRow(float s0, float s1, float s2, float s3, int cols,
                                 float alpha, float beta, float[] c, int at) {
        BlockedSgemm.storeScaled(s0, alpha, beta, c, at);
        if (cols > 1) {
            BlockedSgemm.storeScaled(s1, alpha, beta, c, at + 1);
        }
        if (cols > 2) {
            BlockedSgemm.storeScaled(s2, alpha, beta, c, at + 2);
        }
        if (cols > 3) {
            BlockedSgemm.storeScaled(s3, alpha, beta, c, at + 3);
        }
    }
}
