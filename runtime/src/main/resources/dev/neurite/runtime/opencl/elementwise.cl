// Element-wise kernels: one work-item per element, guarded against the rounded-up global size.
// Every buffer argument is followed by the offset of its view in elements.

kernel void fill(global float* dst, int dstOff, float value, int n) {
    int i = get_global_id(0);
    if (i < n) dst[dstOff + i] = value;
}

kernel void copy(global const float* src, int srcOff, global float* dst, int dstOff, int n) {
    int i = get_global_id(0);
    if (i < n) dst[dstOff + i] = src[srcOff + i];
}

kernel void multiply(global const float* a, int aOff, global const float* b, int bOff,
                     global float* out, int outOff, int n) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = a[aOff + i] * b[bOff + i];
}

kernel void activation_forward(int act, float alpha, global const float* x, int xOff,
                               global float* y, int yOff, int n) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] = activate(act, alpha, x[xOff + i]);
}

kernel void activation_backward(int act, float alpha, global const float* x, int xOff,
                                global const float* y, int yOff, global const float* dy, int dyOff,
                                global float* dx, int dxOff, int n) {
    int i = get_global_id(0);
    if (i < n) dx[dxOff + i] = activation_gradient(act, alpha, x[xOff + i], y[yOff + i], dy[dyOff + i]);
}

// Column sums of dy [rows, cols]: the bias gradient of a dense layer, one work-item per column.
kernel void column_sums(global const float* dy, int dyOff, global float* sums, int sumsOff, int rows, int cols) {
    int j = get_global_id(0);
    if (j >= cols) return;
    float sum = 0.0f;
    for (int r = 0; r < rows; r++) sum += dy[dyOff + r * cols + j];
    sums[sumsOff + j] = sum;
}
