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

#define GEMM_ARGS int m, int n, int k, float alpha, \
    global const float* a, int aOff, int lda, global const float* b, int bOff, int ldb, \
    float beta, global float* c, int cOff, int ldc, \
    global const float* bias, int biasOff, int hasBias, int act, float actAlpha
