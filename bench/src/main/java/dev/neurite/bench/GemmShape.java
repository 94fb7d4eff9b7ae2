package dev.neurite.bench;

/**
 * The GEMM calls of a training step and of batched inference for the models Neurite is measured on. Weights
 * are stored {@code [out, in]} row-major (as PyTorch does), activations {@code [batch, features]}.
 */
public enum GemmShape {
    /** FashionMlp 784-512-512-10, batch 64: forward {@code Y = X . W^T}. */
    FWD_784_512(false, true, 64, 512, 784),
    FWD_512_512(false, true, 64, 512, 512),
    FWD_512_10(false, true, 64, 10, 512),
    /** Backward to the input of a layer: {@code dX = dY . W}. */
    BWD_DATA_512_512(false, false, 64, 512, 512),
    BWD_DATA_10_512(false, false, 64, 512, 10),
    /** Weight gradient: {@code dW = dY^T . X}, a sum over the batch (k = 64). */
    BWD_WEIGHT_784_512(true, false, 512, 784, 64),
    BWD_WEIGHT_512_512(true, false, 512, 512, 64),
    BWD_WEIGHT_512_10(true, false, 10, 512, 64),
    /** mnist_mlp 784-128-64-10, batch 64. */
    MNIST_FWD_784_128(false, true, 64, 128, 784),
    MNIST_FWD_128_64(false, true, 64, 64, 128),
    MNIST_BWD_WEIGHT_784_128(true, false, 128, 784, 64),
    /** Its smaller products: the second layer's weight and input gradients, the output layer's forward. */
    MNIST_BWD_WEIGHT_128_64(true, false, 64, 128, 64),
    MNIST_BWD_DATA_64_128(false, false, 64, 128, 64),
    MNIST_FWD_64_10(false, true, 64, 10, 64),
    /** FashionMlp inference with batch 1024. */
    INFER_1024_784_512(false, true, 1024, 512, 784),
    INFER_1024_512_512(false, true, 1024, 512, 512),
    INFER_1024_512_10(false, true, 1024, 10, 512),
    /** mnist_mlp inference with batch 1024. */
    MNIST_INFER_1024_784_128(false, true, 1024, 128, 784),
    MNIST_INFER_1024_128_64(false, true, 1024, 64, 128),
    MNIST_INFER_1024_64_10(false, true, 1024, 10, 64);

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;

    GemmShape(boolean transA, boolean transB, int m, int n, int k) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    /** Floating-point operations of one call: a multiply and an add per term. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** For tables: {@code "64x512x784 (A, B^T)"}. */
    public String dimensions() {
        return m + "x" + n + "x" + k + " (" + (transA ? "A^T" : "A") + ", " + (transB ? "B^T" : "B") + ")";
    }
}
