// Losses: a first kernel writes one loss term per row or element into a scratch buffer (and the gradient,
// when hasGrad), then sum_reduce adds the terms up on the device so the host reads back a single number.

kernel void softmax_cross_entropy(global const float* logits, int logitsOff, global const float* targets,
                                  int targetsOff, global float* dlogits, int dlogitsOff, int hasGrad,
                                  global float* terms, int batch, int classes, int oneHot, float gradScale) {
    int r = get_global_id(0);
    if (r >= batch) return;
    global const float* z = logits + logitsOff + r * classes;
    float max = z[0];
    for (int j = 1; j < classes; j++) max = fmax(max, z[j]);
    float sum = 0.0f;
    for (int j = 0; j < classes; j++) sum += exp(z[j] - max);
    float logSum = max + log(sum);
    float loss = 0.0f;
    int label = oneHot ? -1 : (int) targets[targetsOff + r];
    for (int j = 0; j < classes; j++) {
        float t = oneHot ? targets[targetsOff + r * classes + j] : (j == label ? 1.0f : 0.0f);
        loss -= t * (z[j] - logSum);
        if (hasGrad) dlogits[dlogitsOff + r * classes + j] = (exp(z[j] - logSum) - t) * gradScale;
    }
    terms[r] = loss;
}

kernel void mean_squared_error(global const float* p, int pOff, global const float* t, int tOff,
                               global float* dp, int dpOff, int hasGrad, global float* terms, int n,
                               float gradScale) {
    int i = get_global_id(0);
    if (i >= n) return;
    float d = p[pOff + i] - t[tOff + i];
    terms[i] = d * d;
    if (hasGrad) dp[dpOff + i] = 2.0f * d * gradScale;
}

// The stable form max(z, 0) - z * t + log(1 + exp(-|z|)) of -[t log s(z) + (1 - t) log(1 - s(z))].
kernel void bce_with_logits(global const float* z, int zOff, global const float* t, int tOff,
                            global float* dz, int dzOff, int hasGrad, global float* terms, int n,
                            float gradScale) {
    int i = get_global_id(0);
    if (i >= n) return;
    float x = z[zOff + i];
    float target = t[tOff + i];
    terms[i] = fmax(x, 0.0f) - x * target + log1p(exp(-fabs(x)));
    if (hasGrad) dz[dzOff + i] = (1.0f / (1.0f + exp(-x)) - target) * gradScale;
}

// Sums terms[0..n) into result[0] with a single work-group of get_local_size(0) work-items, a power of two:
// each work-item adds a strided slice, then the partial sums are halved pairwise in local memory.
kernel void sum_reduce(global const float* terms, int n, global float* result, local float* partial) {
    int id = get_local_id(0);
    int size = get_local_size(0);
    float sum = 0.0f;
    for (int i = id; i < n; i += size) sum += terms[i];
    partial[id] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = size / 2; stride > 0; stride /= 2) {
        if (id < stride) partial[id] += partial[id + stride];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (id == 0) result[0] = partial[0];
}
