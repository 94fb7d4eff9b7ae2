package dev.neurite.runtime.backend;

/**
 * The kernels a generated model calls, and the memory they run on.
 *
 * <p>Every generated model is written against this interface only, so the same class runs on the CPU
 * ({@code CpuBackend}, float32), in double precision for gradient checks ({@code DoubleCpuBackend}), or on an
 * OpenCL device. A new device family (for example TornadoVM) is added by implementing this interface; nothing in
 * the compiler or in generated code changes.
 *
 * <p>Conventions: tensors are row-major; a batch of {@code batch} rows of {@code n} features is a buffer of
 * {@code batch * n} elements. Linear weights are laid out {@code [out, in]} like PyTorch's {@code nn.Linear}.
 * Kernels overwrite their outputs (they never accumulate), and outputs may alias inputs only where a method says
 * so. Scalars are passed as {@code double}; a float32 backend rounds them once. Results must not depend on the
 * number of threads a backend uses.
 */
public interface Backend extends AutoCloseable {

    /** A short name for logs and benchmark tables, for example {@code cpu (2 threads, Vector API)}. */
    String name();

    // ---------------------------------------------------------------- memory

    /** A new zero-filled buffer of {@code length} elements. */
    Buffer allocate(int length);

    /** A view of {@code length} elements of {@code buffer} starting at {@code offset}; shares memory. */
    Buffer slice(Buffer buffer, int offset, int length);

    /**
     * A buffer that reads {@code length} elements of {@code host} from {@code offset} in place, without a copy,
     * or null when this backend's kernels cannot read a host array (a device backend: write a buffer instead).
     * The buffer sees later changes to the array; kernels must only read it.
     *
     * @throws IndexOutOfBoundsException if the range does not fit in {@code host}
     */
    default Buffer wrap(float[] host, int offset, int length) {
        return null;
    }

    /** Copies {@code length} floats from {@code src[srcOffset..]} into the start of {@code dst}. */
    void write(Buffer dst, float[] src, int srcOffset, int length);

    /** Copies the first {@code length} elements of {@code src} into {@code dst[dstOffset..]}. */
    void read(Buffer src, float[] dst, int dstOffset, int length);

    /** Like {@link #write(Buffer, float[], int, int)} but from doubles; a float32 backend rounds. */
    void writeDoubles(Buffer dst, double[] src, int srcOffset, int length);

    /** Like {@link #read(Buffer, float[], int, int)} but into doubles, without loss for a double backend. */
    void readDoubles(Buffer src, double[] dst, int dstOffset, int length);

    /** Sets the first {@code length} elements of {@code dst} to {@code value}. */
    void fill(Buffer dst, double value, int length);

    /** Copies the first {@code length} elements of {@code src} into {@code dst}. */
    void copy(Buffer src, Buffer dst, int length);

    /** Part {@code part} of {@code parts} of work split by {@link #runOnHostThreads}. */
    @FunctionalInterface
    interface HostTask {
        void run(int part, int parts);
    }

    /**
     * Runs {@code task} in parts, at once, on the host threads this backend computes with (the CPU backend's
     * pool), and returns when every part is done; host work between kernels, such as decoding the next batch,
     * then uses the cores the kernels use. The default runs it in one part on the calling thread.
     */
    default void runOnHostThreads(HostTask task) {
        task.run(0, 1);
    }

    // ---------------------------------------------------------------- linear layers

    /**
     * {@code y[b, o] = act(sum_i x[b, i] * w[o, i] + bias[o])}: the forward pass of a dense layer with its
     * activation fused into the epilogue. {@code bias} may be null (no bias). {@code alpha} is the activation's
     * parameter (leaky ReLU's negative slope), ignored by the others.
     */
    void linearForward(Buffer x, Buffer w, Buffer bias, Buffer y, int batch, int in, int out,
                       Activation act, double alpha);

    /** {@code dx[b, i] = sum_o dy[b, o] * w[o, i]}: the gradient with respect to a dense layer's input. */
    void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out);

    /**
     * {@code dx[b, i] = (sum_o dy[b, o] * w[o, i]) * act'(x[b, i])}: the gradient with respect to the input of
     * the activation {@code act} that produced the dense layer's input {@code x}, the derivative taken from that
     * output alone (as {@link #activationBackward} with {@code x} as both its input and output). This is the
     * gradient through the activation fused into the layer before; {@link Activation#IDENTITY} is the plain
     * {@link #linearBackwardInput(Buffer, Buffer, Buffer, int, int, int)}. The default runs the two kernels one
     * after the other; a backend may fuse them.
     */
    default void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out,
                                     Activation act, double alpha, Buffer x) {
        linearBackwardInput(dy, w, dx, batch, in, out);
        if (act != Activation.IDENTITY) {
            activationBackward(act, alpha, x, x, dx, dx, batch * in);
        }
    }

    /**
     * {@code dw[o, i] = sum_b dy[b, o] * x[b, i]} and, when {@code dbias} is not null,
     * {@code dbias[o] = sum_b dy[b, o]}: the parameter gradients of a dense layer (overwritten, not added).
     */
    void linearBackwardParams(Buffer dy, Buffer x, Buffer dw, Buffer dbias, int batch, int in, int out);

    /**
     * General matrix product {@code c = alpha * op(a) * op(b) + beta * c} with {@code op(a)} of shape
     * {@code [m, k]} and {@code op(b)} of shape {@code [k, n]}, row-major, where {@code op} transposes when the
     * flag says so. The linear kernels are special cases; this one is for tests and benchmarks.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double alpha, Buffer a, Buffer b, double beta, Buffer c);

    // ---------------------------------------------------------------- activations

    /** {@code y[i] = act(x[i])} for {@code i < n}; {@code y} may alias {@code x}. */
    void activationForward(Activation act, double alpha, Buffer x, Buffer y, int n);

    /**
     * {@code dx[i] = dy[i] * act'(x[i])} for {@code i < n}, where {@code x} is the activation's input and
     * {@code y} its output (kernels use whichever is cheaper: sigmoid and tanh use {@code y}). {@code dx} may
     * alias {@code dy}. For {@link Activation#STEP} the gradient passes straight through.
     */
    void activationBackward(Activation act, double alpha, Buffer x, Buffer y, Buffer dy, Buffer dx, int n);

    /** Row-wise softmax of a {@code [rows, cols]} buffer, numerically stable (max subtracted). */
    void softmaxForward(Buffer x, Buffer y, int rows, int cols);

    /** {@code dx = y * (dy - sum_j dy_j * y_j)} row-wise, the softmax's vector-Jacobian product. */
    void softmaxBackward(Buffer y, Buffer dy, Buffer dx, int rows, int cols);

    // ---------------------------------------------------------------- dropout

    /**
     * Inverted dropout: {@code mask[i] = keep ? 1 / (1 - p) : 0}, {@code y = x * mask}. Whether element
     * {@code i} is kept is a pure function of {@code (seed, i)} (a counter-based hash), so every backend and every
     * thread count draws the same mask.
     */
    void dropoutForward(Buffer x, Buffer mask, Buffer y, int n, double p, long seed);

    /** {@code out[i] = a[i] * b[i]}; used for dropout's backward ({@code dx = dy * mask}). May alias. */
    void multiply(Buffer a, Buffer b, Buffer out, int n);

    // ---------------------------------------------------------------- losses (mean reduction, like PyTorch)

    /**
     * Softmax fused with cross-entropy on logits {@code [batch, classes]}. Targets are class indices
     * ({@code [batch]}, stored as numbers) or, when {@code oneHot}, probabilities {@code [batch, classes]}.
     * Returns the mean loss; when {@code dlogits} is not null writes {@code (softmax(logits) - target) / batch}.
     */
    double softmaxCrossEntropy(Buffer logits, Buffer targets, Buffer dlogits, int batch, int classes,
                               boolean oneHot);

    /** Mean squared error over all {@code batch * n} elements; gradient {@code 2 (p - t) / (batch * n)}. */
    double meanSquaredError(Buffer predictions, Buffer targets, Buffer dpredictions, int batch, int n);

    /**
     * Binary cross-entropy on logits (PyTorch's {@code BCEWithLogitsLoss}, the stable form), mean over all
     * elements; gradient {@code (sigmoid(z) - t) / (batch * n)}.
     */
    double binaryCrossEntropyWithLogits(Buffer logits, Buffer targets, Buffer dlogits, int batch, int n);

    // ---------------------------------------------------------------- optimizer updates (PyTorch formulas)

    /**
     * SGD as {@code torch.optim.SGD}: {@code g += wd * p}; with momentum {@code buf = firstStep ? g :
     * momentum * buf + (1 - dampening) * g}, {@code g = nesterov ? g + momentum * buf : buf};
     * {@code p -= lr * g}. {@code momentumBuffer} is null when momentum is 0.
     */
    void sgdUpdate(Buffer params, Buffer grads, Buffer momentumBuffer, int n, double lr, double momentum,
                   double dampening, double weightDecay, boolean nesterov, boolean firstStep);

    /**
     * Adam / AdamW as {@code torch.optim.Adam} and {@code AdamW} (amsgrad off); {@code step} counts from 1.
     * With {@code decoupled} the weight decay is AdamW's {@code p *= 1 - lr * wd}, otherwise Adam's
     * {@code g += wd * p}.
     */
    void adamUpdate(Buffer params, Buffer grads, Buffer m, Buffer v, int n, double lr, double beta1,
                    double beta2, double eps, double weightDecay, boolean decoupled, long step);

    /**
     * RMSprop as {@code torch.optim.RMSprop} (not centered): {@code sq = alpha * sq + (1 - alpha) g^2};
     * with momentum {@code buf = momentum * buf + g / (sqrt(sq) + eps)}, {@code p -= lr * buf}, otherwise
     * {@code p -= lr * g / (sqrt(sq) + eps)}. {@code momentumBuffer} is null when momentum is 0.
     */
    void rmspropUpdate(Buffer params, Buffer grads, Buffer squareAvg, Buffer momentumBuffer, int n, double lr,
                       double alpha, double eps, double weightDecay, double momentum);

    /**
     * Adagrad as {@code torch.optim.Adagrad}: {@code clr = lr / (1 + (step - 1) * lrDecay)},
     * {@code sum += g^2}, {@code p -= clr * g / (sqrt(sum) + eps)}; {@code step} counts from 1.
     */
    void adagradUpdate(Buffer params, Buffer grads, Buffer sum, int n, double lr, double lrDecay,
                       double weightDecay, double eps, long step);

    /** Releases device memory and threads. Buffers of a closed backend must not be used. */
    @Override
    void close();
}
