// Register-blocked GEMM for CPU devices when both op(A) rows and op(B) columns are contiguous along k
// (TRANS_A = 0, TRANS_B = 1: the forward pass of a dense layer, x * w^T). Each work-item computes ROWS by
// COLS dot products with float16 partial sums along k, then adds up the 16 lanes once at the end.
// ROWS and COLS are build options set by the host, which sizes the NDRange from the same numbers.

inline float lane_sum(float16 v) {
    float8 s8 = v.lo + v.hi;
    float4 s4 = s8.lo + s8.hi;
    float2 s2 = s4.lo + s4.hi;
    return s2.lo + s2.hi;
}

kernel void gemm(GEMM_ARGS) {
    int j0 = get_global_id(0) * COLS;
    int i0 = get_global_id(1) * ROWS;
    if (i0 >= m || j0 >= n) return;
    // Past the edge, rows and columns re-read the last valid one and are never stored.
    global const float* arow[ROWS];
    global const float* bcol[COLS];
    for (int r = 0; r < ROWS; r++) arow[r] = a + aOff + min(i0 + r, m - 1) * lda;
    for (int col = 0; col < COLS; col++) bcol[col] = b + bOff + min(j0 + col, n - 1) * ldb;

    float16 acc[ROWS][COLS];
    for (int r = 0; r < ROWS; r++)
        for (int col = 0; col < COLS; col++) acc[r][col] = (float16) 0.0f;

    int p = 0;
    for (; p + 16 <= k; p += 16) {
        float16 bv[COLS];
        for (int col = 0; col < COLS; col++) bv[col] = vload16(0, bcol[col] + p);
        for (int r = 0; r < ROWS; r++) {
            float16 av = vload16(0, arow[r] + p);
            for (int col = 0; col < COLS; col++) acc[r][col] = fma(av, bv[col], acc[r][col]);
        }
    }

    for (int r = 0; r < ROWS && i0 + r < m; r++) {
        for (int col = 0; col < COLS && j0 + col < n; col++) {
            float sum = lane_sum(acc[r][col]);
            for (int q = p; q < k; q++) sum = fma(arow[r][q], bcol[col][q], sum);
            gemm_store(c, cOff, ldc, i0 + r, j0 + col, sum, alpha, beta, bias, biasOff, hasBias, act, actAlpha);
        }
    }
}
