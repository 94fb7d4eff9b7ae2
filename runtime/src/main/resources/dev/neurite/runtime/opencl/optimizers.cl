// Optimizer updates, one work-item per parameter, following torch.optim's formulas. Step-dependent scalars
// (bias corrections, decayed learning rates) are computed once on the host in double precision, and so are
// complements such as 1 - beta2: in float, 1 - 0.999f loses four digits to cancellation.

kernel void sgd_update(global float* p, int pOff, global const float* g, int gOff, global float* buf, int bufOff,
                       int n, float lr, float momentum, float oneMinusDampening, float weightDecay, int nesterov,
                       int firstStep) {
    int i = get_global_id(0);
    if (i >= n) return;
    float param = p[pOff + i];
    float grad = g[gOff + i] + weightDecay * param;
    if (momentum != 0.0f) {
        float b = firstStep ? grad : momentum * buf[bufOff + i] + oneMinusDampening * grad;
        buf[bufOff + i] = b;
        grad = nesterov ? grad + momentum * b : b;
    }
    p[pOff + i] = param - lr * grad;
}

// stepSize = lr / (1 - beta1^t); sqrtCorrection2 = sqrt(1 - beta2^t); decay is AdamW's 1 - lr * wd (1 for Adam);
// coupledDecay is Adam's wd added to the gradient (0 for AdamW).
kernel void adam_update(global float* p, int pOff, global const float* g, int gOff, global float* m, int mOff,
                        global float* v, int vOff, int n, float beta1, float oneMinusBeta1, float beta2,
                        float oneMinusBeta2, float eps, float coupledDecay,
                        float decay, float stepSize, float sqrtCorrection2) {
    int i = get_global_id(0);
    if (i >= n) return;
    float param = p[pOff + i] * decay;
    float grad = g[gOff + i] + coupledDecay * p[pOff + i];
    float mean = beta1 * m[mOff + i] + oneMinusBeta1 * grad;
    float var = beta2 * v[vOff + i] + oneMinusBeta2 * grad * grad;
    m[mOff + i] = mean;
    v[vOff + i] = var;
    p[pOff + i] = param - stepSize * mean / (sqrt(var) / sqrtCorrection2 + eps);
}

kernel void rmsprop_update(global float* p, int pOff, global const float* g, int gOff, global float* sq, int sqOff,
                           global float* buf, int bufOff, int n, float lr, float alpha, float oneMinusAlpha, float eps,
                           float weightDecay, float momentum) {
    int i = get_global_id(0);
    if (i >= n) return;
    float param = p[pOff + i];
    float grad = g[gOff + i] + weightDecay * param;
    float avg = alpha * sq[sqOff + i] + oneMinusAlpha * grad * grad;
    sq[sqOff + i] = avg;
    float step = grad / (sqrt(avg) + eps);
    if (momentum > 0.0f) {
        step += momentum * buf[bufOff + i];
        buf[bufOff + i] = step;
    }
    p[pOff + i] = param - lr * step;
}

// clr = lr / (1 + (step - 1) * lrDecay), computed on the host.
kernel void adagrad_update(global float* p, int pOff, global const float* g, int gOff, global float* sum,
                           int sumOff, int n, float clr, float weightDecay, float eps) {
    int i = get_global_id(0);
    if (i >= n) return;
    float param = p[pOff + i];
    float grad = g[gOff + i] + weightDecay * param;
    float s = sum[sumOff + i] + grad * grad;
    sum[sumOff + i] = s;
    p[pOff + i] = param - clr * grad / (sqrt(s) + eps);
}
