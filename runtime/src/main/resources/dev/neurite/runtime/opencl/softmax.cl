// Row-wise softmax and its backward, one work-item per row (rows are short in the models Neurite trains).

kernel void softmax_forward(global const float* x, int xOff, global float* y, int yOff, int rows, int cols) {
    int r = get_global_id(0);
    if (r >= rows) return;
    global const float* in = x + xOff + r * cols;
    global float* out = y + yOff + r * cols;
    float max = in[0];
    for (int j = 1; j < cols; j++) max = fmax(max, in[j]);
    float sum = 0.0f;
    for (int j = 0; j < cols; j++) {
        float e = exp(in[j] - max);
        out[j] = e;
        sum += e;
    }
    float inv = 1.0f / sum;
    for (int j = 0; j < cols; j++) out[j] *= inv;
}

kernel void softmax_backward(global const float* y, int yOff, global const float* dy, int dyOff,
                             global float* dx, int dxOff, int rows, int cols) {
    int r = get_global_id(0);
    if (r >= rows) return;
    int base = r * cols;
    float dot = 0.0f;
    for (int j = 0; j < cols; j++) dot += dy[dyOff + base + j] * y[yOff + base + j];
    for (int j = 0; j < cols; j++) dx[dxOff + base + j] = y[yOff + base + j] * (dy[dyOff + base + j] - dot);
}
