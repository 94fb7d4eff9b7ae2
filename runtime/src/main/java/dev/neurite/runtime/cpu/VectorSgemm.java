package dev.neurite.runtime.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Sgemm}: {@link BlockedSgemm} with a micro-kernel written with the Java Vector API
 * ({@code jdk.incubator.vector}). A micro-tile is {@value #MR} rows by two vectors of the preferred species
 * (16 floats each with AVX-512): 28 accumulators stay in registers (AVX-512 has 32) while the kernel walks
 * {@code k}, each step loading two vectors of B, broadcasting 14 values of A and issuing 28 fused multiply-adds.
 *
 * <p>Only {@link Sgemm#create} loads this class, and only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorSgemm extends BlockedSgemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    private static final int L = F.length();
    static final int MR = 14;
    static final int NR = 2 * L;

    VectorSgemm(int threads) {
        super(MR, NR, threads);
    }

    @Override
    public String description() {
        int count = threadCount();
        return "vector API " + F.vectorBitSize() + "-bit, " + count + (count == 1 ? " thread" : " threads");
    }

    @Override
    void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt,
                float alpha, float beta, float[] c, int cAt, int ldc, int rows, int cols, float[] edge) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F);
        FloatVector c80 = FloatVector.zero(F), c81 = FloatVector.zero(F);
        FloatVector c90 = FloatVector.zero(F), c91 = FloatVector.zero(F);
        FloatVector c100 = FloatVector.zero(F), c101 = FloatVector.zero(F);
        FloatVector c110 = FloatVector.zero(F), c111 = FloatVector.zero(F);
        FloatVector c120 = FloatVector.zero(F), c121 = FloatVector.zero(F);
        FloatVector c130 = FloatVector.zero(F), c131 = FloatVector.zero(F);
        for (int q = 0; q < kc; q++) {
            int at = aAt + q * MR;
            int bt = bAt + q * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bt);
            FloatVector b1 = FloatVector.fromArray(F, bp, bt + L);
            FloatVector a = FloatVector.broadcast(F, ap[at]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[at + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[at + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[at + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, ap[at + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, ap[at + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(F, ap[at + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, ap[at + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(F, ap[at + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(F, ap[at + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(F, ap[at + 10]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(F, ap[at + 11]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
            a = FloatVector.broadcast(F, ap[at + 12]);
            c120 = a.fma(b0, c120);
            c121 = a.fma(b1, c121);
            a = FloatVector.broadcast(F, ap[at + 13]);
            c130 = a.fma(b0, c130);
            c131 = a.fma(b1, c131);
        }
        if (rows == MR && cols == NR) {
            store(c00, alpha, beta, c, cAt);
            store(c01, alpha, beta, c, cAt + L);
            store(c10, alpha, beta, c, cAt + 1 * ldc);
            store(c11, alpha, beta, c, cAt + 1 * ldc + L);
            store(c20, alpha, beta, c, cAt + 2 * ldc);
            store(c21, alpha, beta, c, cAt + 2 * ldc + L);
            store(c30, alpha, beta, c, cAt + 3 * ldc);
            store(c31, alpha, beta, c, cAt + 3 * ldc + L);
            store(c40, alpha, beta, c, cAt + 4 * ldc);
            store(c41, alpha, beta, c, cAt + 4 * ldc + L);
            store(c50, alpha, beta, c, cAt + 5 * ldc);
            store(c51, alpha, beta, c, cAt + 5 * ldc + L);
            store(c60, alpha, beta, c, cAt + 6 * ldc);
            store(c61, alpha, beta, c, cAt + 6 * ldc + L);
            store(c70, alpha, beta, c, cAt + 7 * ldc);
            store(c71, alpha, beta, c, cAt + 7 * ldc + L);
            store(c80, alpha, beta, c, cAt + 8 * ldc);
            store(c81, alpha, beta, c, cAt + 8 * ldc + L);
            store(c90, alpha, beta, c, cAt + 9 * ldc);
            store(c91, alpha, beta, c, cAt + 9 * ldc + L);
            store(c100, alpha, beta, c, cAt + 10 * ldc);
            store(c101, alpha, beta, c, cAt + 10 * ldc + L);
            store(c110, alpha, beta, c, cAt + 11 * ldc);
            store(c111, alpha, beta, c, cAt + 11 * ldc + L);
            store(c120, alpha, beta, c, cAt + 12 * ldc);
            store(c121, alpha, beta, c, cAt + 12 * ldc + L);
            store(c130, alpha, beta, c, cAt + 13 * ldc);
            store(c131, alpha, beta, c, cAt + 13 * ldc + L);
            return;
        }
        c00.intoArray(edge, 0);
        c01.intoArray(edge, L);
        c10.intoArray(edge, 1 * NR);
        c11.intoArray(edge, 1 * NR + L);
        c20.intoArray(edge, 2 * NR);
        c21.intoArray(edge, 2 * NR + L);
        c30.intoArray(edge, 3 * NR);
        c31.intoArray(edge, 3 * NR + L);
        c40.intoArray(edge, 4 * NR);
        c41.intoArray(edge, 4 * NR + L);
        c50.intoArray(edge, 5 * NR);
        c51.intoArray(edge, 5 * NR + L);
        c60.intoArray(edge, 6 * NR);
        c61.intoArray(edge, 6 * NR + L);
        c70.intoArray(edge, 7 * NR);
        c71.intoArray(edge, 7 * NR + L);
        c80.intoArray(edge, 8 * NR);
        c81.intoArray(edge, 8 * NR + L);
        c90.intoArray(edge, 9 * NR);
        c91.intoArray(edge, 9 * NR + L);
        c100.intoArray(edge, 10 * NR);
        c101.intoArray(edge, 10 * NR + L);
        c110.intoArray(edge, 11 * NR);
        c111.intoArray(edge, 11 * NR + L);
        c120.intoArray(edge, 12 * NR);
        c121.intoArray(edge, 12 * NR + L);
        c130.intoArray(edge, 13 * NR);
        c131.intoArray(edge, 13 * NR + L);
        storeEdge(edge, alpha, beta, c, cAt, ldc, rows, cols);
    }

    /** {@code c = alpha * acc + beta * c} for one vector of C, with the same operations as {@link BlockedSgemm#storeEdge}. */
    private static void store(FloatVector acc, float alpha, float beta, float[] c, int at) {
        FloatVector result = acc.mul(alpha);
        if (beta != 0f) {
            result = result.add(FloatVector.fromArray(F, c, at).mul(beta));
        }
        result.intoArray(c, at);
    }
}
