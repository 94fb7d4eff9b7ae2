// Shared by the GEMM kernels: element access for the four transpose cases and the fused epilogue.
// The host builds each GEMM source once per case with TRANS_A and TRANS_B defined as 0 or 1.
// op(A) is [m, k], op(B) is [k, n]; lda and ldb are the row strides of the stored matrices.

#if TRANS_A
#define A_AT(i, p) a[aOff + (p) * lda + (i)]
#else
#define A_AT(i, p) a[aOff + (i) * lda + (p)]
#endif

#if TRANS_B
#define B_AT(p, j) b[bOff + (j) * ldb + (p)]
#else
#define B_AT(p, j) b[bOff + (p) * ldb + (j)]
#endif

// c = act(alpha * sum + beta * c + bias[j]); c is not read when beta is 0, so garbage in it cannot leak.
inline void gemm_store(global float* c, int cOff, int ldc, int i, int j, float sum, float alpha, float beta,
                       global const float* bias, int biasOff, int hasBias, int act, float actAlpha) {
    float v = alpha * sum;
    if (beta != 0.0f) v += beta * c[cOff + i * ldc + j];
    if (hasBias) v += bias[biasOff + j];
    c[cOff + i * ldc + j] = activate(act, actAlpha, v);
}

// gemm_store for 16 consecutive columns j .. j + 15 of row i, all inside the matrix: vector loads and stores,
// and the activation lane by lane only when there is one (the backward products have none).
inline void gemm_store16(global float* c, int cOff, int ldc, int i, int j, float16 sum, float alpha, float beta,
                         global const float* bias, int biasOff, int hasBias, int act, float actAlpha) {
    global float* out = c + cOff + i * ldc + j;
    float16 v = alpha * sum;
    if (beta != 0.0f) v += beta * vload16(0, out);
    if (hasBias) v += vload16(0, bias + biasOff + j);
    if (act != ACT_IDENTITY) {
        float lanes[16];
        vstore16(v, 0, lanes);
        for (int lane = 0; lane < 16; lane++) lanes[lane] = activate(act, actAlpha, lanes[lane]);
        v = vload16(0, lanes);
    }
    vstore16(v, 0, out);
}

#define GEMM_ARGS int m, int n, int k, float alpha, \
    global const float* a, int aOff, int lda, global const float* b, int bOff, int ldb, \
    float beta, global float* c, int cOff, int ldc, \
    global const float* bias, int biasOff, int hasBias, int act, float actAlpha
