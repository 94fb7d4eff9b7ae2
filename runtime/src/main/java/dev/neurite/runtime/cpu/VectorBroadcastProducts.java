package dev.neurite.runtime.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha * A * B^T + beta * C} for row-major A and B without packing B: the forward product of a dense
 * layer, {@code Y = X * W^T}. The vectors run down the columns of C (along {@code m})
 * instead of along its rows: a micro-tile of {@value #TILE_ROWS} rows by {@value #TILE_COLS} columns keeps 16
 * vector accumulators, and each step of {@code k} loads two vectors of {@code A^T} and broadcasts one element of
 * each of 8 rows of B, which are read where they are, as eight sequential streams. So the large matrix (the
 * weights) is never copied; only the small one (the batch, {@code m x k}) is transposed into a panel.
 * Where the caller asks for it ({@link VectorSgemm#wideTilesByDefault}), blocks of two slivers (33 to 64 rows
 * with 512-bit vectors, batch 64) use a wide tile instead: 64 rows by {@value #WIDE_COLS} columns, 24
 * accumulators, four loads and six broadcasts per 24 multiply-adds. On the Intel Xeon machine of issue 7, one
 * thread: 64x512x784 +12%, 1024x512x784 +17% (in-process A/B, medians of 30 alternating rounds); on the AMD EPYC
 * machine it was 20% slower than the {@value #TILE_ROWS}-row tile, which also does the rest of the rows and the
 * last columns.
 *
 * <p>The packed kernel of {@link BlockedSgemm} needs {@code B^T} in column slivers and so would transpose the
 * whole weight matrix with scalar code on every call: about 45% of the time of the product 64x512x784. This
 * kernel ran that product 1.5x faster on one thread, and as fast as the packed kernel at batch 1024.
 *
 * <p>Every element of C is one chain of fused multiply-adds over {@code k} in ascending order, starting from
 * zero, in any tile and with any split between threads: bitwise the same as the packed kernel with
 * {@code beta == 0}. Tiles are spilled to a scratch array, up to {@value #SPILL_COLS} columns of them, and the
 * block is written to C a row at a time, each vector of a row gathered down the spilled columns.
 */
final class VectorBroadcastProducts {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    private static final int L = F.length();
    /** Rows of C in one micro-tile: two vectors. */
    static final int TILE_ROWS = 2 * L;
    /** Columns of C in one micro-tile: eight broadcasts of B per step. */
    static final int TILE_COLS = 8;
    /** Columns of C in one wide micro-tile, which covers both slivers of a block: six broadcasts per step. */
    static final int WIDE_COLS = 6;
    /** Columns of C per chunk unit when threads split them: whole wide tiles and whole narrow ones (48). */
    static final int COLUMN_CHUNK = 8 * WIDE_COLS;
    /** Rows of A transposed at once: 64 rows of 784 floats (200 kB) stay in the L2 cache. */
    private static final int BLOCK_ROWS = 64;
    /**
     * Columns of C spilled before they are stored: whole wide tiles and whole narrow ones (48), a block of 12 kB
     * that stays in the L1 cache while it is written to C a row at a time.
     */
    private static final int SPILL_COLS = COLUMN_CHUNK;
    /** {@code 0, h, 2h, ..}: gathers along a row of a spilled block whose columns are {@code h} floats apart. */
    private static final int[] WIDE_SPILL_ROW = BlockedSgemm.strides(new int[L], 2 * TILE_ROWS);
    private static final int[] NARROW_SPILL_ROW = BlockedSgemm.strides(new int[L], TILE_ROWS);

    private VectorBroadcastProducts() {
    }

    /** The largest tile that runs, rows by columns of C: {@code "64x6"} (wide) or {@code "32x8"} with 512 bits. */
    static String tileShape(boolean wideTiles) {
        return wideTiles ? 2 * TILE_ROWS + "x" + WIDE_COLS : TILE_ROWS + "x" + TILE_COLS;
    }

    /**
     * Prepares {@code shared} for product number {@code call}, whose threads split the columns of C: the panel
     * of all {@code m} rows of A, sliver by sliver, none packed yet.
     */
    static void share(SharedPanel shared, long call, int m, int k) {
        int slivers = (m + TILE_ROWS - 1) / TILE_ROWS;
        shared.reset(call, slivers, slivers * TILE_ROWS * k);
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C for the product number {@code call}; blocks
     * of two slivers run the wide tile if {@code wideTiles}. The transposed panel of A comes from {@code shared}
     * if it was {@link #share shared} for this call (threads split the columns, so every thread needs the same
     * rows), else from the workspace's packing array, where a panel still held from the same call (the thread's
     * previous chunk of columns) is not packed again. The workspace also holds the spilled tiles.
     */
    static void multiply(long call, int i0, int i1, int j0, int j1, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc, boolean wideTiles,
                         SharedPanel shared, BlockedSgemm.Workspace ws) {
        float[] scratch = ws.packedA(BLOCK_ROWS * k + BLOCK_ROWS * SPILL_COLS);
        int spill = BLOCK_ROWS * k;
        boolean sharing = shared.isFor(call);
        int[] rowStarts = ws.rowStarts(lda, L);
        for (int ib = i0; ib < i1; ib += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, i1 - ib);
            int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
            // Sliver t of the block is at base + t * TILE_ROWS * k of panel.
            float[] panel;
            int base;
            if (sharing && acquire(shared, a, aOffset, lda, ib, rows, tiles, k, rowStarts, ws.worker)) {
                panel = shared.floats();
                base = ib * k;
            } else {
                panel = scratch;
                base = 0;
                if (!ws.holdsA(call, ib)) {
                    for (int t = 0; t < tiles; t++) {
                        packSliver(a, aOffset + (ib + t * TILE_ROWS) * lda, lda, rows - t * TILE_ROWS, k, scratch,
                                t * TILE_ROWS * k, rowStarts);
                    }
                    ws.heldA(call, ib);
                }
            }
            int j = j0;
            if (tiles == 2 && wideTiles) {
                // A block of two slivers (33-64 rows with 512-bit vectors): both at once, six columns at a time;
                // the last few columns go the narrow way below.
                while (j + WIDE_COLS <= j1) {
                    int first = j;
                    int cols = Math.min(SPILL_COLS, (j1 - j) / WIDE_COLS * WIDE_COLS);
                    for (; j < first + cols; j += WIDE_COLS) {
                        wideTile(k, panel, base, base + TILE_ROWS * k, b, bOffset + j * ldb, ldb, scratch,
                                spill + (j - first) * 2 * TILE_ROWS);
                    }
                    store(scratch, spill, 2 * TILE_ROWS, WIDE_SPILL_ROW, alpha, beta, c, cOffset + ib * ldc + first,
                            ldc, rows, cols);
                }
            }
            for (int t = 0; t < tiles && j < j1; t++) {
                int at = base + t * TILE_ROWS * k;
                int tileRows = Math.min(TILE_ROWS, rows - t * TILE_ROWS);
                int cAt = cOffset + (ib + t * TILE_ROWS) * ldc;
                for (int first = j; first < j1; first += SPILL_COLS) {
                    int cols = Math.min(SPILL_COLS, j1 - first);
                    for (int q = first; q < first + cols; q += TILE_COLS) {
                        int out = spill + (q - first) * TILE_ROWS;
                        if (q + TILE_COLS <= first + cols) {
                            tile(k, panel, at, b, bOffset + q * ldb, ldb, scratch, out);
                        } else {
                            narrowTile(k, panel, at, b, bOffset + q * ldb, ldb, first + cols - q, scratch, out);
                        }
                    }
                    store(scratch, spill, TILE_ROWS, NARROW_SPILL_ROW, alpha, beta, c, cAt + first, ldc, tileRows,
                            cols);
                }
            }
        }
    }

    /**
     * Makes the shared panel hold the {@code tiles} slivers of the block of rows from {@code ib}: packs those no
     * other thread has claimed, starting at the sliver numbered by {@code worker} so that two threads pack two
     * slivers at once, then waits for the others. False if one of them did not appear in time.
     */
    private static boolean acquire(SharedPanel shared, float[] a, int aOffset, int lda, int ib, int rows, int tiles,
                                   int k, int[] rowStarts, int worker) {
        int first = ib / TILE_ROWS;
        for (int q = 0; q < tiles; q++) {
            int t = (q + worker) % tiles;
            if (shared.claim(first + t)) {
                int row = ib + t * TILE_ROWS;
                packSliver(a, aOffset + row * lda, lda, rows - t * TILE_ROWS, k, shared.floats(), row * k,
                        rowStarts);
                shared.published(first + t);
            }
        }
        for (int t = 0; t < tiles; t++) {
            if (!shared.packed(first + t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the first {@code rows} (up to {@link #TILE_ROWS}) rows of A from {@code aAt}, {@code k} long, as one
     * transposed sliver at {@code base}: element {@code (r, q)} goes to {@code panel[base + q * TILE_ROWS + r]},
     * and rows from {@code rows} up to {@link #TILE_ROWS} are zeros. {@code rowStarts} holds {@code 0, lda, ..,
     * (L - 1) lda}. Gathers made packing 64 x 784 1.5x faster than the scalar interleave (20 against 31 us on one
     * thread).
     */
    private static void packSliver(float[] a, int aAt, int lda, int rows, int k, float[] panel, int base,
                                   int[] rowStarts) {
        if (rows >= TILE_ROWS) {
            // Each of the sliver's two vectors at q gathers one column of L rows.
            int bottom = aAt + L * lda;
            for (int q = 0; q < k; q++) {
                FloatVector.fromArray(F, a, aAt + q, rowStarts, 0).intoArray(panel, base + q * TILE_ROWS);
                FloatVector.fromArray(F, a, bottom + q, rowStarts, 0).intoArray(panel, base + q * TILE_ROWS + L);
            }
            return;
        }
        Interleave.rows(a, aAt, lda, rows, k, panel, base, TILE_ROWS);
        for (int q = 0; q < k; q++) {
            for (int r = rows; r < TILE_ROWS; r++) {
                panel[base + q * TILE_ROWS + r] = 0f;
            }
        }
    }

    /**
     * One full micro-tile: {@link #TILE_ROWS} rows (the panel sliver at {@code at}) by {@link #TILE_COLS}
     * columns (the rows of B from {@code bAt}), spilled column by column to {@code out} at {@code outAt}.
     */
    private static void tile(int k, float[] panel, int at, float[] b, int bAt, int ldb, float[] out, int outAt) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F);
        FloatVector c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F);
        FloatVector c71 = FloatVector.zero(F);
        int b0 = bAt;
        int b1 = bAt + ldb;
        int b2 = bAt + 2 * ldb;
        int b3 = bAt + 3 * ldb;
        int b4 = bAt + 4 * ldb;
        int b5 = bAt + 5 * ldb;
        int b6 = bAt + 6 * ldb;
        int b7 = bAt + 7 * ldb;
        for (int q = 0; q < k; q++) {
            int aq = at + q * TILE_ROWS;
            FloatVector a0 = FloatVector.fromArray(F, panel, aq);
            FloatVector a1 = FloatVector.fromArray(F, panel, aq + L);
            FloatVector w;
            w = FloatVector.broadcast(F, b[b0 + q]);
            c00 = w.fma(a0, c00);
            c01 = w.fma(a1, c01);
            w = FloatVector.broadcast(F, b[b1 + q]);
            c10 = w.fma(a0, c10);
            c11 = w.fma(a1, c11);
            w = FloatVector.broadcast(F, b[b2 + q]);
            c20 = w.fma(a0, c20);
            c21 = w.fma(a1, c21);
            w = FloatVector.broadcast(F, b[b3 + q]);
            c30 = w.fma(a0, c30);
            c31 = w.fma(a1, c31);
            w = FloatVector.broadcast(F, b[b4 + q]);
            c40 = w.fma(a0, c40);
            c41 = w.fma(a1, c41);
            w = FloatVector.broadcast(F, b[b5 + q]);
            c50 = w.fma(a0, c50);
            c51 = w.fma(a1, c51);
            w = FloatVector.broadcast(F, b[b6 + q]);
            c60 = w.fma(a0, c60);
            c61 = w.fma(a1, c61);
            w = FloatVector.broadcast(F, b[b7 + q]);
            c70 = w.fma(a0, c70);
            c71 = w.fma(a1, c71);
        }
        c00.intoArray(out, outAt);
        c01.intoArray(out, outAt + L);
        c10.intoArray(out, outAt + TILE_ROWS);
        c11.intoArray(out, outAt + TILE_ROWS + L);
        c20.intoArray(out, outAt + 2 * TILE_ROWS);
        c21.intoArray(out, outAt + 2 * TILE_ROWS + L);
        c30.intoArray(out, outAt + 3 * TILE_ROWS);
        c31.intoArray(out, outAt + 3 * TILE_ROWS + L);
        c40.intoArray(out, outAt + 4 * TILE_ROWS);
        c41.intoArray(out, outAt + 4 * TILE_ROWS + L);
        c50.intoArray(out, outAt + 5 * TILE_ROWS);
        c51.intoArray(out, outAt + 5 * TILE_ROWS + L);
        c60.intoArray(out, outAt + 6 * TILE_ROWS);
        c61.intoArray(out, outAt + 6 * TILE_ROWS + L);
        c70.intoArray(out, outAt + 7 * TILE_ROWS);
        c71.intoArray(out, outAt + 7 * TILE_ROWS + L);
    }

    /**
     * The wide micro-tile: two slivers of the panel (at {@code at0} and {@code at1}, {@code 2 * TILE_ROWS} rows) by
     * {@link #WIDE_COLS} columns, 24 accumulators, spilled column by column ({@code 2 * TILE_ROWS} apart) to
     * {@code out} at {@code outAt}. Each step of {@code k} loads four vectors and broadcasts six values for 24
     * fused multiply-adds, against two, eight and 16 in {@link #tile}; each element is the same chain as there.
     */
    private static void wideTile(int k, float[] panel, int at0, int at1, float[] b, int bAt, int ldb,
                                 float[] out, int outAt) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F);
        FloatVector c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F);
        FloatVector c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F);
        FloatVector c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F);
        FloatVector c33 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F);
        FloatVector c42 = FloatVector.zero(F);
        FloatVector c43 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c51 = FloatVector.zero(F);
        FloatVector c52 = FloatVector.zero(F);
        FloatVector c53 = FloatVector.zero(F);
        int b0 = bAt;
        int b1 = bAt + ldb;
        int b2 = bAt + 2 * ldb;
        int b3 = bAt + 3 * ldb;
        int b4 = bAt + 4 * ldb;
        int b5 = bAt + 5 * ldb;
        for (int q = 0; q < k; q++) {
            int aq0 = at0 + q * TILE_ROWS;
            int aq1 = at1 + q * TILE_ROWS;
            FloatVector a0 = FloatVector.fromArray(F, panel, aq0);
            FloatVector a1 = FloatVector.fromArray(F, panel, aq0 + L);
            FloatVector a2 = FloatVector.fromArray(F, panel, aq1);
            FloatVector a3 = FloatVector.fromArray(F, panel, aq1 + L);
            FloatVector w;
            w = FloatVector.broadcast(F, b[b0 + q]);
            c00 = w.fma(a0, c00);
            c01 = w.fma(a1, c01);
            c02 = w.fma(a2, c02);
            c03 = w.fma(a3, c03);
            w = FloatVector.broadcast(F, b[b1 + q]);
            c10 = w.fma(a0, c10);
            c11 = w.fma(a1, c11);
            c12 = w.fma(a2, c12);
            c13 = w.fma(a3, c13);
            w = FloatVector.broadcast(F, b[b2 + q]);
            c20 = w.fma(a0, c20);
            c21 = w.fma(a1, c21);
            c22 = w.fma(a2, c22);
            c23 = w.fma(a3, c23);
            w = FloatVector.broadcast(F, b[b3 + q]);
            c30 = w.fma(a0, c30);
            c31 = w.fma(a1, c31);
            c32 = w.fma(a2, c32);
            c33 = w.fma(a3, c33);
            w = FloatVector.broadcast(F, b[b4 + q]);
            c40 = w.fma(a0, c40);
            c41 = w.fma(a1, c41);
            c42 = w.fma(a2, c42);
            c43 = w.fma(a3, c43);
            w = FloatVector.broadcast(F, b[b5 + q]);
            c50 = w.fma(a0, c50);
            c51 = w.fma(a1, c51);
            c52 = w.fma(a2, c52);
            c53 = w.fma(a3, c53);
        }
        int h = 2 * TILE_ROWS;
        c00.intoArray(out, outAt);
        c01.intoArray(out, outAt + L);
        c02.intoArray(out, outAt + 2 * L);
        c03.intoArray(out, outAt + 3 * L);
        c10.intoArray(out, outAt + h);
        c11.intoArray(out, outAt + h + L);
        c12.intoArray(out, outAt + h + 2 * L);
        c13.intoArray(out, outAt + h + 3 * L);
        c20.intoArray(out, outAt + 2 * h);
        c21.intoArray(out, outAt + 2 * h + L);
        c22.intoArray(out, outAt + 2 * h + 2 * L);
        c23.intoArray(out, outAt + 2 * h + 3 * L);
        c30.intoArray(out, outAt + 3 * h);
        c31.intoArray(out, outAt + 3 * h + L);
        c32.intoArray(out, outAt + 3 * h + 2 * L);
        c33.intoArray(out, outAt + 3 * h + 3 * L);
        c40.intoArray(out, outAt + 4 * h);
        c41.intoArray(out, outAt + 4 * h + L);
        c42.intoArray(out, outAt + 4 * h + 2 * L);
        c43.intoArray(out, outAt + 4 * h + 3 * L);
        c50.intoArray(out, outAt + 5 * h);
        c51.intoArray(out, outAt + 5 * h + L);
        c52.intoArray(out, outAt + 5 * h + 2 * L);
        c53.intoArray(out, outAt + 5 * h + 3 * L);
    }

    /** A micro-tile of fewer than {@link #TILE_COLS} columns at the right edge of C, one column at a time. */
    private static void narrowTile(int k, float[] panel, int at, float[] b, int bAt, int ldb, int cols,
                                   float[] out, int outAt) {
        for (int j = 0; j < cols; j++) {
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            int bj = bAt + j * ldb;
            for (int q = 0; q < k; q++) {
                int aq = at + q * TILE_ROWS;
                FloatVector w = FloatVector.broadcast(F, b[bj + q]);
                c0 = w.fma(FloatVector.fromArray(F, panel, aq), c0);
                c1 = w.fma(FloatVector.fromArray(F, panel, aq + L), c1);
            }
            c0.intoArray(out, outAt + j * TILE_ROWS);
            c1.intoArray(out, outAt + j * TILE_ROWS + L);
        }
    }

    /**
     * Writes the {@code rows x cols} corner of a spilled block (column {@code j} at {@code tile[at + j * height]};
     * {@code spillRow} holds {@code 0, height, 2 height, ..}) to C at {@code cAt}: {@code c = alpha * product +
     * beta * c}, not reading C when {@code beta == 0}. With {@code alpha == 1} and {@code beta == 0} (every forward
     * product) that is the product itself, and a row of C is gathered from the block a vector at a time.
     */
    private static void store(float[] tile, int at, int height, int[] spillRow, float alpha, float beta, float[] c,
                              int cAt, int ldc, int rows, int cols) {
        if (alpha != 1f || beta != 0f) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    BlockedSgemm.storeScaled(tile[at + j * height + r], alpha, beta, c, cAt + r * ldc + j);
                }
            }
            return;
        }
        int body = cols - cols % L;
        for (int r = 0; r < rows; r++) {
            int row = cAt + r * ldc;
            for (int j = 0; j < body; j += L) {
                FloatVector.fromArray(F, tile, at + j * height + r, spillRow, 0).intoArray(c, row + j);
            }
            for (int j = body; j < cols; j++) {
                c[row + j] = tile[at + j * height + r];
            }
        }
    }
}
