package dev.neurite.runtime.cpu;

/**
 * The cache-blocked driver shared by the GEMM implementations; subclasses supply only the register-blocked
 * micro-kernel that multiplies an {@code MR x kc} sliver of A by a {@code kc x NR} sliver of B.
 *
 * <p>The loop nest follows Goto and van de Geijn: {@code k} is cut into blocks of at most {@link #KC_MAX}, and
 * for each block a {@code kc x nc} panel of {@code op(B)} and an {@code mc x kc} block of {@code op(A)} are
 * copied ("packed") into thread-local buffers in the order the kernel reads them, with zero padding up to whole
 * slivers. Packing is where the four transpose cases meet: after it, the kernel sees one layout.
 *
 * <p>The rows or the columns of {@code C} (see {@link #splitRows}) are cut into chunks of whole units (see
 * {@link #chunkUnit}), a few per thread: each thread computes its own share of them and then takes
 * the chunks another thread has not started ({@link CpuThreads#runChunks}), so that a thread the host slows down
 * does less of the work. The
 * {@code k} blocking depends on {@code k} alone and every element is summed in the same order by the same kernel,
 * so the result is bitwise identical for any thread count and any chunk order.
 */
abstract class BlockedSgemm implements Sgemm {

    /** Longest {@code k} block: a packed {@code kc x NR} sliver of B stays in the L1 cache. */
    static final int KC_MAX = 256;
    /** About this many rows of A are packed at once (rounded down to whole slivers): the block stays in L2. */
    private static final int MC = 256;
    /** Columns of B packed at once. */
    private static final int NC = 1024;
    /**
     * Products below this many floating-point operations run on the calling thread alone: splitting them costs
     * more in hand-over than it saves. At 1 MFLOP (64x64x128, mnist_mlp's second layer) two threads were still
     * ~25% faster in StepProfile.
     */
    private static final long PARALLEL_MIN_FLOPS = 1_000_000;

    /**
     * Chunks start on multiples of this many rows or columns of C unless {@link #chunkUnit} says otherwise: whole
     * slivers of the packed kernels (8 x 32 vector, 4 x 4 scalar), and 128 bytes of a row, so threads seldom write
     * the same cache line.
     */
    static final int CHUNK_UNIT = 32;
    /**
     * Chunks per thread: a thread can take over the other's work a quarter of its share at a time, and a chunk of
     * batch 64 (64 x 64 x 784 in the forward product) is still ~6 MFLOP.
     */
    private static final int CHUNKS_PER_THREAD = 4;

    /**
     * Rows of C from which the full slivers of an untransposed B are packed too: each is then read by at least
     * 16 slivers of A, and a packed sliver stays in the L1 cache, while in place its {@code kc} rows lie a row of
     * B apart and can evict each other (all fall into 4 of the 64 sets when B is 512 floats wide). With the
     * weight gradients (512 rows of C), packing made 512x512x64 1.2x and 512x784x64 1.0-1.1x faster on one
     * thread; with the input gradient (64 rows, each sliver read 8 times) it was 0.9x.
     */
    private static final int PACK_B_MIN_ROWS = 128;

    /** Rows of C in one micro-tile. */
    final int mr;
    /** Columns of C in one micro-tile. */
    final int nr;
    /** Rows of A packed at once, whole slivers. */
    private final int mc;
    private final CpuThreads threads;
    /** Whether {@link #close} stops the threads: false when they are a backend's shared pool. */
    private final boolean ownsThreads;
    private final Workspace[] workspaces;
    private final Call call = new Call();
    /** Calls of {@link #multiply} so far: tells a workspace whether the A it packed belongs to this call. */
    private long calls;

    /** Runs on {@code threads}; closes them on {@link #close} only when {@code ownsThreads}. */
    BlockedSgemm(int mr, int nr, CpuThreads threads, boolean ownsThreads) {
        if (CHUNK_UNIT % mr != 0 || CHUNK_UNIT % nr != 0) {
            throw new IllegalArgumentException("a " + mr + " x " + nr + " tile does not divide chunks of "
                    + CHUNK_UNIT);
        }
        this.mr = mr;
        this.nr = nr;
        this.mc = Math.max(mr, MC / mr * mr);
        this.threads = threads;
        this.ownsThreads = ownsThreads;
        this.workspaces = new Workspace[threads.threads()];
        for (int t = 0; t < workspaces.length; t++) {
            workspaces[t] = new Workspace(mr * nr, t);
        }
    }

    /**
     * Multiplies the packed sliver {@code ap} (from {@code aAt}: {@code kc} groups of {@code mr} values) and the
     * sliver of B in {@code bp} (from {@code bAt}: {@code kc} rows of {@code nr} values, {@code ldbp} apart: packed
     * or B itself) and stores the {@code rows x cols}
     * top-left part of the product into C at {@code cAt}: {@code c = alpha * product + beta * c}, where
     * {@code beta == 0} means C is not read. Full tiles ({@code rows == mr && cols == nr}) may be stored directly;
     * others go through {@code edge}, a scratch array of {@code mr * nr} floats. Every element must be computed
     * the same way whichever the tile size, so that results do not depend on how C was split between threads.
     */
    abstract void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt, int ldbp,
                         float alpha, float beta, float[] c, int cAt, int ldc, int rows, int cols, float[] edge);

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of {@code C = alpha * A * B^T + beta * C}
     * (A and B row-major, both read along their rows, C {@code n} columns wide) without packing, if this GEMM
     * has such a kernel and it pays off for {@code n}; returns whether it did. The choice may depend on the shape
     * of C, never on the range, so that every element is computed the same way for any thread count. The
     * default has no such kernel, and the product goes through the packed path. {@code ws} is the calling
     * thread's workspace, for scratch arrays.
     */
    boolean multiplyByTransposed(long call, int n, int i0, int i1, int j0, int j1, int k, float alpha,
                                 float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                 float beta, float[] c, int cOffset, int ldc, Workspace ws) {
        return false;
    }

    /**
     * Whether threads split the rows of C (or else its columns) between them: by default the larger of the two,
     * so that every thread gets work. The choice depends on the shape only.
     */
    boolean splitRows(boolean transA, boolean transB, int m, int n) {
        return m > n;
    }

    /**
     * Chunks of the rows (or columns) of C start on multiples of this: whole micro-tiles of the kernel the product
     * runs in. Depends on the shape and the transposes only, like {@link #splitRows}.
     */
    int chunkUnit(boolean transA, boolean transB, boolean splitRows, int n) {
        return CHUNK_UNIT;
    }

    /**
     * Called by the thread that starts product number {@code call} once it has chosen the split, before any part
     * runs, so that a subclass can prepare what the parts share. The default shares nothing.
     */
    void beforeParts(long call, boolean transA, boolean transB, boolean splitRows, int m, int n, int k) {
    }

    /**
     * The fastest GEMM this JVM supports (see {@link Sgemm#create}) running on a pool its caller owns and closes;
     * the vector class is loaded only when the module is present.
     */
    static BlockedSgemm create(CpuThreads pool) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorSgemm(pool);
        }
        return new ScalarSgemm(pool);
    }

    /** The number of threads this instance may use. */
    final int threadCount() {
        return threads.threads();
    }

    /**
     * Work on a block of C just after a thread has computed it, while the block is still in that thread's caches
     * (a dense layer's bias and activation): no second pass over C, and no second hand-over to the threads.
     */
    @FunctionalInterface
    interface BlockEpilogue {
        /** Finishes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
        void apply(float[] c, int cOffset, int ldc, int i0, int i1, int j0, int j1);
    }

    @Override
    public final void multiply(boolean transA, boolean transB, int m, int n, int k,
                               float alpha, float[] a, int aOffset, int lda,
                               float[] b, int bOffset, int ldb,
                               float beta, float[] c, int cOffset, int ldc) {
        multiply(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /**
     * {@link #multiply(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float,
     * float[], int, int) multiply}, then {@code epilogue} (if not null) on every block of C by the thread that
     * computed it. The blocks depend on the thread count, so the epilogue must compute each element the same way
     * in any block.
     */
    final synchronized void multiply(boolean transA, boolean transB, int m, int n, int k,
                                     float alpha, float[] a, int aOffset, int lda,
                                     float[] b, int bOffset, int ldb,
                                     float beta, float[] c, int cOffset, int ldc, BlockEpilogue epilogue) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOffset, ldc);
            if (epilogue != null) {
                epilogue.apply(c, cOffset, ldc, 0, m, 0, n);
            }
            return;
        }
        call.set(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        call.epilogue = epilogue;
        call.id = ++calls;
        boolean splitRows = splitRows(transA, transB, m, n);
        int unit = chunkUnit(transA, transB, splitRows, n);
        int units = ceilDiv(splitRows ? m : n, unit);
        long flops = 2L * m * n * k;
        int parts = flops < PARALLEL_MIN_FLOPS ? 1 : Math.min(threads.threads(), units);
        int chunks = parts == 1 ? 1 : Math.min(units, parts * CHUNKS_PER_THREAD);
        call.splitRows = splitRows;
        call.unit = unit;
        beforeParts(call.id, transA, transB, splitRows, m, n, k);
        try {
            threads.runChunks(parts, chunks, call);
        } finally {
            call.clear();
        }
    }

    @Override
    public void close() {
        if (ownsThreads) {
            threads.close();
        }
    }

    /** {@code C = beta * C} without reading C when {@code beta == 0}. */
    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** The arguments of the running call, read by every part; reused so that a call allocates nothing. */
    private final class Call implements CpuThreads.ChunkTask {
        long id;
        boolean transA;
        boolean transB;
        boolean splitRows;
        /** Chunks start on multiples of this many rows or columns. */
        int unit;
        int m;
        int n;
        int k;
        float alpha;
        float[] a;
        int aOffset;
        int lda;
        float[] b;
        int bOffset;
        int ldb;
        float beta;
        float[] c;
        int cOffset;
        int ldc;
        BlockEpilogue epilogue;

        void set(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                 float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOffset = aOffset;
            this.lda = lda;
            this.b = b;
            this.bOffset = bOffset;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOffset = cOffset;
            this.ldc = ldc;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            epilogue = null;
        }

        @Override
        public void run(int chunk, int chunks, int worker) {
            int extent = splitRows ? m : n;
            int units = ceilDiv(extent, unit);
            int from = Math.min(extent, (int) ((long) units * chunk / chunks) * unit);
            int to = Math.min(extent, (int) ((long) units * (chunk + 1) / chunks) * unit);
            int i0 = splitRows ? from : 0;
            int i1 = splitRows ? to : m;
            int j0 = splitRows ? 0 : from;
            int j1 = splitRows ? n : to;
            compute(this, workspaces[worker], i0, i1, j0, j1);
            if (epilogue != null && i0 < i1 && j0 < j1) {
                epilogue.apply(c, cOffset, ldc, i0, i1, j0, j1);
            }
        }
    }

    /** Computes the rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    private void compute(Call p, Workspace ws, int i0, int i1, int j0, int j1) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (p.transB && !p.transA && multiplyByTransposed(p.id, p.n, i0, i1, j0, j1, p.k, p.alpha,
                p.a, p.aOffset, p.lda, p.b, p.bOffset, p.ldb, p.beta, p.c, p.cOffset, p.ldc, ws)) {
            return;
        }
        int kBlocks = ceilDiv(p.k, KC_MAX);
        int kcFull = ceilDiv(p.k, kBlocks);
        // When the chunk is a single row block (chunks of columns), A is packed for all k blocks at once and
        // kept for the thread's next chunk, which has the same rows; otherwise one k block at a time.
        boolean keepA = i1 - i0 <= this.mc;
        int aBlock = ceilDiv(Math.min(this.mc, i1 - i0), mr) * mr * kcFull;
        // An untransposed B's full slivers are read in place unless many slivers of A reuse each of them (see
        // packB).
        boolean packAllB = i1 - i0 >= PACK_B_MIN_ROWS;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int block = 0; block < kBlocks; block++) {
                int pc = block * kcFull;
                int kc = Math.min(kcFull, p.k - pc);
                float beta = block == 0 ? p.beta : 1f;
                float[] bp = ws.packedB(ceilDiv(nc, nr) * nr * kc);
                packB(p, pc, kc, jc, nc, packAllB, bp);
                for (int ic = i0; ic < i1; ic += this.mc) {
                    int mc = Math.min(this.mc, i1 - ic);
                    float[] ap;
                    int apAt;
                    if (keepA) {
                        ap = ws.packedA(kBlocks * aBlock);
                        if (!ws.holdsA(p.id, ic)) {
                            for (int each = 0; each < kBlocks; each++) {
                                int from = each * kcFull;
                                packA(p, ic, mc, from, Math.min(kcFull, p.k - from), ap, each * aBlock);
                            }
                            ws.heldA(p.id, ic);
                        }
                        apAt = block * aBlock;
                    } else {
                        ap = ws.packedA(aBlock);
                        packA(p, ic, mc, pc, kc, ap, 0);
                        ws.forgetA();
                        apAt = 0;
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        // Full-width slivers of an untransposed B are read where they are unless packed (see packB).
                        boolean inPlace = !p.transB && cols == nr && !packAllB;
                        float[] b = inPlace ? p.b : bp;
                        int bAt = inPlace ? p.bOffset + pc * p.ldb + jc + jr : jr * kc;
                        int ldbp = inPlace ? p.ldb : nr;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cAt = p.cOffset + (ic + ir) * p.ldc + jc + jr;
                            kernel(kc, ap, apAt + ir * kc, b, bAt, ldbp, p.alpha, beta, p.c, cAt, p.ldc, rows, cols,
                                    ws.edge);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [ic, ic + mc)} and columns {@code [pc, pc + kc)} of {@code op(A)} as slivers of
     * {@code mr} rows: element {@code (r, q)} of sliver {@code s} goes to
     * {@code ap[apAt + s * mr * kc + q * mr + r]}.
     */
    private void packA(Call p, int ic, int mc, int pc, int kc, float[] ap, int apAt) {
        float[] a = p.a;
        for (int s = 0; s * mr < mc; s++) {
            int rows = Math.min(mr, mc - s * mr);
            int first = ic + s * mr;
            int base = apAt + s * mr * kc;
            if (p.transA) {
                // op(A)[i, q] = a[q * lda + i]: the sliver's rows are contiguous for each q.
                for (int q = 0; q < kc; q++) {
                    System.arraycopy(a, p.aOffset + (pc + q) * p.lda + first, ap, base + q * mr, rows);
                }
            } else {
                // op(A)[i, q] = a[i * lda + q]: read each row along k, write every mr-th value.
                for (int r = 0; r < rows; r++) {
                    int src = p.aOffset + (first + r) * p.lda + pc;
                    for (int q = 0; q < kc; q++) {
                        ap[base + q * mr + r] = a[src + q];
                    }
                }
            }
            if (rows < mr) {
                for (int q = 0; q < kc; q++) {
                    for (int r = rows; r < mr; r++) {
                        ap[base + q * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs rows {@code [pc, pc + kc)} and columns {@code [jc, jc + nc)} of {@code op(B)} as slivers of
     * {@code nr} columns: element {@code (q, j)} of sliver {@code t} goes to {@code bp[t * nr * kc + q * nr + j]}.
     * An untransposed B already has each sliver's rows contiguous, so unless {@code packAll} only its last,
     * narrower sliver is packed (zero padded), and the kernel reads the full ones in place: copying them cost ~10%
     * of the product 64x512x512, where each sliver is read by only 8 slivers of A.
     */
    private void packB(Call p, int pc, int kc, int jc, int nc, boolean packAll, float[] bp) {
        float[] b = p.b;
        for (int t = 0; t * nr < nc; t++) {
            int cols = Math.min(nr, nc - t * nr);
            if (!p.transB && cols == nr && !packAll) {
                continue;
            }
            int first = jc + t * nr;
            int base = t * nr * kc;
            if (p.transB) {
                // op(B)[q, j] = b[j * ldb + q]: the sliver's columns are rows of b.
                Interleave.rows(b, p.bOffset + first * p.ldb + pc, p.ldb, cols, kc, bp, base, nr);
            } else {
                // op(B)[q, j] = b[q * ldb + j]: the sliver's columns are contiguous for each q.
                if (cols == nr) {
                    for (int q = 0; q < kc; q++) {
                        copySliverRow(b, p.bOffset + (pc + q) * p.ldb + first, bp, base + q * nr);
                    }
                } else {
                    for (int q = 0; q < kc; q++) {
                        System.arraycopy(b, p.bOffset + (pc + q) * p.ldb + first, bp, base + q * nr, cols);
                    }
                }
            }
            if (cols < nr) {
                for (int q = 0; q < kc; q++) {
                    for (int j = cols; j < nr; j++) {
                        bp[base + q * nr + j] = 0f;
                    }
                }
            }
        }
    }

    /** Copies {@code nr} floats, one row of a full sliver of B, into the packed panel. */
    void copySliverRow(float[] src, int srcAt, float[] dst, int dstAt) {
        System.arraycopy(src, srcAt, dst, dstAt, nr);
    }

    /**
     * Stores the {@code rows x cols} corner of a tile spilled to {@code edge} (row stride {@code nr}):
     * {@code c = alpha * acc + beta * c}, not reading C when {@code beta == 0}.
     */
    final void storeEdge(float[] edge, float alpha, float beta, float[] c, int cAt, int ldc, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                storeScaled(edge[r * nr + j], alpha, beta, c, cAt + r * ldc + j);
            }
        }
    }

    /** {@code c[at] = alpha * product + beta * c[at]}, not reading {@code c[at]} when {@code beta == 0}. */
    static void storeScaled(float product, float alpha, float beta, float[] c, int at) {
        float result = alpha * product;
        c[at] = beta == 0f ? result : result + beta * c[at];
    }

    /** Fills {@code offsets} with {@code 0, stride, 2 stride, ..} (the offsets of a gather) and returns it. */
    static int[] strides(int[] offsets, int stride) {
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i * stride;
        }
        return offsets;
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One thread's packing buffers, grown on demand and kept across calls. */
    static final class Workspace {
        final float[] edge;
        /** The number of the thread that uses this workspace: 0 for the caller, as in {@link CpuThreads}. */
        final int worker;
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        private int[] rowStarts = new int[0];

        Workspace(int tile, int worker) {
            this.edge = new float[tile];
            this.worker = worker;
        }

        /** Which call's A {@link #packedA} holds, and from which row of it. */
        private long packedACall = -1;
        private int packedARow;

        /**
         * A scratch array of at least {@code size} floats (the one A is packed into); a new one holds nothing
         * ({@link #holdsA}).
         */
        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
                forgetA();
            }
            return packedA;
        }

        /**
         * Whether {@link #packedA} still holds the rows of A from {@code row} that call {@code call} packed, so
         * that the next chunk of the same rows need not pack them again. Within one call, the rows packed from
         * a given row are always the same: chunks of rows never overlap, and chunks of columns all span the
         * same rows.
         */
        boolean holdsA(long call, int row) {
            return packedACall == call && packedARow == row;
        }

        /** Records that {@link #packedA} holds no call's A (it was packed one k block at a time). */
        void forgetA() {
            packedACall = -1;
        }

        /** Records that {@link #packedA} now holds call {@code call}'s rows of A from {@code row}. */
        void heldA(long call, int row) {
            packedACall = call;
            packedARow = row;
        }

        /** {@code 0, ld, 2 ld, ..} ({@code count} values): the offsets of a gather down a column. */
        int[] rowStarts(int ld, int count) {
            if (rowStarts.length != count) {
                rowStarts = new int[count];
            }
            return strides(rowStarts, ld);
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }
    }
}
