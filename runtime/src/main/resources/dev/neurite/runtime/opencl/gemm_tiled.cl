// Local-memory tiled GEMM for GPUs: a TILE x TILE work-group stages one TILE x TILE block of op(A) and of
// op(B) in local memory per step along k, so each element is read from global memory once per work-group.
// TILE is a build option chosen from the device's maximum work-group size.

kernel void gemm(GEMM_ARGS) {
    local float tileA[TILE][TILE];
    local float tileB[TILE][TILE];
    int tx = get_local_id(0);
    int ty = get_local_id(1);
    int j = get_group_id(0) * TILE + tx;
    int i = get_group_id(1) * TILE + ty;
    float sum = 0.0f;
    for (int p0 = 0; p0 < k; p0 += TILE) {
        tileA[ty][tx] = i < m && p0 + tx < k ? A_AT(i, p0 + tx) : 0.0f;
        tileB[ty][tx] = p0 + ty < k && j < n ? B_AT(p0 + ty, j) : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int q = 0; q < TILE; q++) sum += tileA[ty][q] * tileB[q][tx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < m && j < n) gemm_store(c, cOff, ldc, i, j, sum, alpha, beta, bias, biasOff, hasBias, act, actAlpha);
}
