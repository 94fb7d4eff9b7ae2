// Register-blocked GEMM for CPU devices: each work-item computes ROWS rows by 16 * VECS columns of C in
// float16 registers, as outer products of a column of op(A) with a row of op(B). No local memory: a CPU's
// caches already do what local memory does on a GPU, and the vector accumulators map onto SIMD registers.
// ROWS and VECS are build options set by the host, which sizes the NDRange from the same numbers.

#define COLS (16 * VECS)

// Row p of op(B), columns j0 .. j0 + 15; zeros beyond column n.
inline float16 load_b_row(global const float* b, int bOff, int ldb, int p, int j0, int n) {
#if !TRANS_B
    if (j0 + 16 <= n) return vload16(0, b + bOff + p * ldb + j0);
#endif
    float values[16];
    for (int lane = 0; lane < 16; lane++) values[lane] = j0 + lane < n ? B_AT(p, j0 + lane) : 0.0f;
    return vload16(0, values);
}

kernel void gemm(GEMM_ARGS) {
    int j0 = get_global_id(0) * COLS;
    int i0 = get_global_id(1) * ROWS;
    if (i0 >= m || j0 >= n) return;
    // Rows past the end re-read the last row (always valid memory) and are never stored.
    int rows[ROWS];
    for (int r = 0; r < ROWS; r++) rows[r] = min(i0 + r, m - 1);

    float16 acc[ROWS][VECS];
    for (int r = 0; r < ROWS; r++)
        for (int v = 0; v < VECS; v++) acc[r][v] = (float16) 0.0f;

    for (int p = 0; p < k; p++) {
        float16 brow[VECS];
        for (int v = 0; v < VECS; v++) brow[v] = load_b_row(b, bOff, ldb, p, j0 + 16 * v, n);
        for (int r = 0; r < ROWS; r++) {
            float16 av = (float16) A_AT(rows[r], p);
            for (int v = 0; v < VECS; v++) acc[r][v] = fma(av, brow[v], acc[r][v]);
        }
    }

    for (int r = 0; r < ROWS && i0 + r < m; r++) {
        for (int v = 0; v < VECS; v++) {
            float values[16];
            vstore16(acc[r][v], 0, values);
            for (int lane = 0; lane < 16 && j0 + 16 * v + lane < n; lane++) {
                gemm_store(c, cOff, ldc, i0 + r, j0 + 16 * v + lane, values[lane], alpha, beta,
                           bias, biasOff, hasBias, act, actAlpha);
            }
        }
    }
}
