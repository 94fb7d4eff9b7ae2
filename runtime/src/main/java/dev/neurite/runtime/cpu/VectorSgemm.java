package dev.neurite.runtime.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Sgemm}: {@link BlockedSgemm} with a micro-kernel written with the Java Vector API
 * ({@code jdk.incubator.vector}). A micro-tile is {@value #MR} rows by two vectors of the preferred species
 * (16 floats each with AVX-512): 16 accumulators stay in registers while the kernel walks {@code k}, each step
 * loading two vectors of B, broadcasting 8 values of A and issuing 16 fused multiply-adds (enough independent
 * chains to hide the FMA latency on two FMA units).
 *
 * <p>Why not a taller tile: C2 stops inlining once a compilation has created about 18,000 nodes
 * ({@code NodeCountInliningCutoff}, not settable in product JVMs), and every Vector API call inlines a chain of
 * small methods. A 14-row kernel (28 accumulator loads, FMAs and stores) sat at that limit: depending on the
 * profile, C2 gave up on the last stores, which then fell back to Java code that allocates a vector per call, and
 * the run stayed 3-10x slower. The 8-row kernel compiles fully every time and was as fast in JMH (batch 64 is
 * also a whole number of 8-row slivers).
 *
 * <p>Only {@link Sgemm#create} loads this class, and only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorSgemm extends BlockedSgemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    private static final int L = F.length();
    static final int MR = 8;
    static final int NR = 2 * L;
    /** A zero tile: the accumulators' start when C is not read. */
    private static final float[] ZEROS = new float[MR * NR];

    /** The system property that overrides {@link #wideTilesByDefault}: {@code true} or {@code false}. */
    static final String WIDE_TILES_PROPERTY = "neurite.gemm.wideTiles";

    /** Whether {@code A * B^T} runs the broadcast kernel's wide tile on blocks of two slivers. */
    private final boolean wideTiles;
    /** The transposed panel of A that the threads of a broadcast product share when they split its columns. */
    private final SharedPanel sharedA = new SharedPanel();

    /** An instance with its own {@code threads} threads. */
    VectorSgemm(int threads) {
        this(threads, wideTilesByDefault());
    }

    /** An instance with its own {@code threads} threads and the given tile choice (tests run both). */
    VectorSgemm(int threads, boolean wideTiles) {
        super(MR, NR, new CpuThreads(threads), true);
        this.wideTiles = wideTiles;
    }

    /** An instance on a shared pool, which it does not close. */
    VectorSgemm(CpuThreads pool) {
        super(MR, NR, pool, false);
        this.wideTiles = wideTilesByDefault();
    }

    /**
     * Whether the broadcast kernel's wide tile runs ({@link VectorBroadcastProducts}): as the system property
     * {@value #WIDE_TILES_PROPERTY} says if it is set, else on Intel CPUs only. The same build with and without
     * it, alternating in one process: the Intel Xeon (Emerald Rapids) of issue 7 +12-22% on the forward products,
     * the AMD EPYC (Zen 5) machine -20% on the whole forward pass, where the narrow tile alone reached 86% of a
     * core's peak (bench/README.md). The results are bitwise the same either way.
     */
    static boolean wideTilesByDefault() {
        String set = System.getProperty(WIDE_TILES_PROPERTY);
        return set != null ? Boolean.parseBoolean(set.trim()) : CpuVendor.CURRENT == CpuVendor.INTEL;
    }

    /** For example {@code "vector API 512-bit, 32x8 forward tiles, 2 threads"}: the tile says which CPU choice ran. */
    @Override
    public String description() {
        int count = threadCount();
        return "vector API " + F.vectorBitSize() + "-bit, " + VectorBroadcastProducts.tileShape(wideTiles)
                + " forward tiles, " + count + (count == 1 ? " thread" : " threads");
    }

    /** Rows of C a thread needs before threads split rows although C is wider than tall. */
    private static final int MIN_ROWS_PER_THREAD = 32;

    /**
     * {@inheritDoc}
     *
     * <p>Here rows also when C is wider than tall, as soon as every thread gets {@value #MIN_ROWS_PER_THREAD} of
     * them, if B is read where it is (untransposed B in the packed kernel, {@code A * B^T} in
     * {@link VectorBroadcastProducts}) and C is at most twice as wide as tall: then only A is packed, and each
     * thread packs its own rows of it instead of all of them. JMH on the AMD EPYC machine, 2 threads: 64x128x784
     * ({@code A * B^T}) +27%, 512x784x64 ({@code A^T * B}) +18%. Wider products split their columns: with rows,
     * each thread would read all of B (the weights, 8 times the batch at 64x512), and on the Intel Xeon machine
     * the two cores then contend for the shared cache: fashion_mnist's training step 3.4-3.6 -> 2.9-3.1 ms in
     * StepProfile (alternating runs), mnist_mlp's unchanged.
     */
    @Override
    boolean splitRows(boolean transA, boolean transB, int m, int n) {
        boolean bInPlace = !transB || !transA;
        return m > n || bInPlace && m >= MIN_ROWS_PER_THREAD * threadCount() && n <= 2 * m;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Columns of {@code A * B^T} in the broadcast kernel: {@value VectorBroadcastProducts#COLUMN_CHUNK}, whole
     * tiles of both its widths. With 32, a chunk of 64 columns left four to the one-column edge kernel, which is
     * bound by the latency of its two chains: the forward product 64x512x784 ran 20% slower on two threads.
     */
    @Override
    int chunkUnit(boolean transA, boolean transB, boolean splitRows, int n) {
        return broadcast(transA, transB, n) && !splitRows ? VectorBroadcastProducts.COLUMN_CHUNK : CHUNK_UNIT;
    }

    /** Whether {@link #multiplyByTransposed} runs this product in {@link VectorBroadcastProducts}. */
    private static boolean broadcast(boolean transA, boolean transB, int n) {
        return transB && !transA && n >= NR;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code A * B^T} never packs {@code B^T}, which cost as much as the multiplication at batch 64: it goes
     * through {@link VectorBroadcastProducts} (vectors down the columns of C, B broadcast where it is), or through
     * {@link VectorDotProducts} when C is narrower than one micro-tile ({@code n < NR}, the output layer), where
     * the broadcast kernel's tiles would be mostly edge. The choice depends on {@code n} only, so results do not
     * depend on the thread count (bench/README.md has the numbers).
     */
    @Override
    boolean multiplyByTransposed(long call, int n, int i0, int i1, int j0, int j1, int k, float alpha,
                                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                 float beta, float[] c, int cOffset, int ldc, Workspace ws) {
        if (n < NR) {
            VectorDotProducts.multiply(i0, i1, j0, j1, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc);
            return true;
        }
        VectorBroadcastProducts.multiply(call, i0, i1, j0, j1, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc, wideTiles, sharedA, ws);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: when threads split the columns of a broadcast product, they share one packed panel of A (all of its
     * rows are needed by every thread); when they split rows, each packs its own.
     */
    @Override
    void beforeParts(long call, boolean transA, boolean transB, boolean splitRows, int m, int n, int k) {
        if (broadcast(transA, transB, n) && !splitRows) {
            VectorBroadcastProducts.share(sharedA, call, m, k);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The common calls ({@code alpha == 1}, {@code beta} 0 or 1) start the accumulators from C itself (or from
     * zeros) and store them back unchanged, so a product over several {@code k} blocks is one chain of fused
     * multiply-adds per element. Edge tiles take the same path through {@code edge}: C's corner is copied in and
     * out, so every element is computed the same way in a full tile and in an edge tile. Other alpha and beta
     * values accumulate from zero and are scaled by {@link #storeEdge}. No vector is passed to another method,
     * so C2 keeps all of them in registers instead of boxing them on the heap.
     */
    @Override
    void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt, int ldbp,
                float alpha, float beta, float[] c, int cAt, int ldc, int rows, int cols, float[] edge) {
        boolean direct = alpha == 1f && (beta == 0f || beta == 1f);
        boolean full = rows == MR && cols == NR;
        // Where the tile is read from and written to: C itself, or the edge scratch (row stride NR).
        float[] tile = direct && full ? c : edge;
        int at = direct && full ? cAt : 0;
        int ld = direct && full ? ldc : NR;
        if (direct && !full && beta == 1f) {
            copyCorner(c, cAt, ldc, edge, 0, NR, rows, cols);
        }
        boolean load = direct && beta == 1f;
        float[] init = load ? tile : ZEROS;
        int initAt = load ? at : 0;
        int initLd = load ? ld : NR;
        FloatVector c00 = FloatVector.fromArray(F, init, initAt);
        FloatVector c01 = FloatVector.fromArray(F, init, initAt + L);
        FloatVector c10 = FloatVector.fromArray(F, init, initAt + 1 * initLd);
        FloatVector c11 = FloatVector.fromArray(F, init, initAt + 1 * initLd + L);
        FloatVector c20 = FloatVector.fromArray(F, init, initAt + 2 * initLd);
        FloatVector c21 = FloatVector.fromArray(F, init, initAt + 2 * initLd + L);
        FloatVector c30 = FloatVector.fromArray(F, init, initAt + 3 * initLd);
        FloatVector c31 = FloatVector.fromArray(F, init, initAt + 3 * initLd + L);
        FloatVector c40 = FloatVector.fromArray(F, init, initAt + 4 * initLd);
        FloatVector c41 = FloatVector.fromArray(F, init, initAt + 4 * initLd + L);
        FloatVector c50 = FloatVector.fromArray(F, init, initAt + 5 * initLd);
        FloatVector c51 = FloatVector.fromArray(F, init, initAt + 5 * initLd + L);
        FloatVector c60 = FloatVector.fromArray(F, init, initAt + 6 * initLd);
        FloatVector c61 = FloatVector.fromArray(F, init, initAt + 6 * initLd + L);
        FloatVector c70 = FloatVector.fromArray(F, init, initAt + 7 * initLd);
        FloatVector c71 = FloatVector.fromArray(F, init, initAt + 7 * initLd + L);
        for (int q = 0; q < kc; q++) {
            int aq = aAt + q * MR;
            int bq = bAt + q * ldbp;
            FloatVector b0 = FloatVector.fromArray(F, bp, bq);
            FloatVector b1 = FloatVector.fromArray(F, bp, bq + L);
            FloatVector a;
            a = FloatVector.broadcast(F, ap[aq]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, ap[aq + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, ap[aq + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, ap[aq + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, ap[aq + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, ap[aq + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(F, ap[aq + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, ap[aq + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(tile, at);
        c01.intoArray(tile, at + L);
        c10.intoArray(tile, at + 1 * ld);
        c11.intoArray(tile, at + 1 * ld + L);
        c20.intoArray(tile, at + 2 * ld);
        c21.intoArray(tile, at + 2 * ld + L);
        c30.intoArray(tile, at + 3 * ld);
        c31.intoArray(tile, at + 3 * ld + L);
        c40.intoArray(tile, at + 4 * ld);
        c41.intoArray(tile, at + 4 * ld + L);
        c50.intoArray(tile, at + 5 * ld);
        c51.intoArray(tile, at + 5 * ld + L);
        c60.intoArray(tile, at + 6 * ld);
        c61.intoArray(tile, at + 6 * ld + L);
        c70.intoArray(tile, at + 7 * ld);
        c71.intoArray(tile, at + 7 * ld + L);
        if (!direct) {
            storeEdge(edge, alpha, beta, c, cAt, ldc, rows, cols);
        } else if (!full) {
            copyCorner(edge, 0, NR, c, cAt, ldc, rows, cols);
        }
    }

    /** Two vector moves: {@code System.arraycopy}'s call costs more than copying 32 floats. */
    @Override
    void copySliverRow(float[] src, int srcAt, float[] dst, int dstAt) {
        FloatVector.fromArray(F, src, srcAt).intoArray(dst, dstAt);
        FloatVector.fromArray(F, src, srcAt + L).intoArray(dst, dstAt + L);
    }

    /** Copies the {@code rows x cols} top-left corner of one row-major block into another. */
    private static void copyCorner(float[] from, int fromAt, int fromLd, float[] to, int toAt, int toLd,
                                   int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromAt + r * fromLd, to, toAt + r * toLd, cols);
        }
    }

}
