package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.backend.DropoutHash;

import java.util.Arrays;

/**
 * The default backend: float32 buffers on the Java heap ({@link CpuBuffer}), matrix products by {@link Sgemm},
 * and the element-wise work of a training step (bias and activation epilogue, activation backward, bias
 * gradients, the Adam update) by {@link ElementKernels} in float SIMD code; both share one pool of
 * {@link CpuThreads}, and large element-wise ranges are split over it.
 *
 * <p>The other kernels (sigmoid, tanh, GELU, softmax, losses, the other optimizers) compute in double and round
 * once when they store, and their sums (softmax, losses) are accumulated in double in a fixed order. Every
 * element is computed by one thread in the same way whatever the split, so results are bitwise identical for
 * any thread count, and the kernels allocate nothing: a training step creates no garbage.
 */
public final class CpuBackend implements Backend {

    /** Element-wise ranges at least this long are split over the threads; shorter ones are not worth a wake-up. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 16;
    /** Chunks per thread of a split element-wise range: a thread the host slows down takes fewer. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final CpuThreads pool;
    private final BlockedSgemm sgemm;
    private final ElementKernels kernels;
    private final EpilogueTask epilogue = new EpilogueTask();
    private final BackwardEpilogue backwardEpilogue = new BackwardEpilogue();
    private final BiasGradient biasGradient = new BiasGradient();
    private final HostTaskParts hostTask = new HostTaskParts();
    private final BackwardTask activationBackward = new BackwardTask();
    private final AdamTask adam = new AdamTask();
    /** The exponentials of one row of logits in {@link #softmaxCrossEntropy}; grown once, then reused. */
    private double[] softmaxExps = new double[0];

    /** A backend whose matrix products use up to {@code threads} threads. */
    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a CPU backend needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.pool = new CpuThreads(threads);
        this.sgemm = BlockedSgemm.create(pool);
        this.kernels = ElementKernels.create();
    }

    /** A backend using every available core. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Threads the matrix products may use. */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "cpu (float32, " + sgemm.description() + ")";
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Buffer allocate(int length) {
        return new CpuBuffer(new float[length], 0, length);
    }

    @Override
    public Buffer slice(Buffer buffer, int offset, int length) {
        CpuBuffer b = host(buffer);
        if (offset < 0 || length < 0 || offset + length > b.length()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length)
                    + ") does not fit in a buffer of " + b.length());
        }
        return new CpuBuffer(b.data(), b.offset() + offset, length);
    }

    @Override
    public void runOnHostThreads(HostTask task) {
        hostTask.task = task;
        try {
            pool.run(threads, hostTask);
        } finally {
            hostTask.task = null;
        }
    }

    /** Runs a {@link HostTask} as a part task of the pool, without a new object per call. */
    private static final class HostTaskParts implements CpuThreads.PartTask {
        private HostTask task;

        @Override
        public void run(int part, int parts) {
            task.run(part, parts);
        }
    }

    @Override
    public Buffer wrap(float[] host, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > host.length) {
            throw new IndexOutOfBoundsException("[" + offset + ", " + (offset + length)
                    + ") does not fit in an array of " + host.length);
        }
        return new CpuBuffer(host, offset, length);
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOffset, int length) {
        CpuBuffer d = view(dst, length);
        System.arraycopy(src, srcOffset, d.data(), d.offset(), length);
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOffset, int length) {
        CpuBuffer s = view(src, length);
        System.arraycopy(s.data(), s.offset(), dst, dstOffset, length);
    }

    @Override
    public void writeDoubles(Buffer dst, double[] src, int srcOffset, int length) {
        CpuBuffer d = view(dst, length);
        float[] data = d.data();
        for (int i = 0; i < length; i++) {
            data[d.offset() + i] = (float) src[srcOffset + i];
        }
    }

    @Override
    public void readDoubles(Buffer src, double[] dst, int dstOffset, int length) {
        CpuBuffer s = view(src, length);
        float[] data = s.data();
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = data[s.offset() + i];
        }
    }

    @Override
    public void fill(Buffer dst, double value, int length) {
        CpuBuffer d = view(dst, length);
        Arrays.fill(d.data(), d.offset(), d.offset() + length, (float) value);
    }

    @Override
    public void copy(Buffer src, Buffer dst, int length) {
        CpuBuffer s = view(src, length);
        CpuBuffer d = view(dst, length);
        System.arraycopy(s.data(), s.offset(), d.data(), d.offset(), length);
    }

    // ---------------------------------------------------------------- linear layers

    @Override
    public void linearForward(Buffer x, Buffer w, Buffer bias, Buffer y, int batch, int in, int out,
                              Activation act, double alpha) {
        CpuBuffer xb = view(x, (long) batch * in);
        CpuBuffer wb = view(w, (long) out * in);
        CpuBuffer yb = view(y, (long) batch * out);
        CpuBuffer bb = bias == null ? null : view(bias, out);
        if (ElementKernels.supports(act)) {
            // Bias and activation in the product's epilogue, on each thread's block of the output.
            epilogue.set(bb, act, (float) alpha);
            sgemm.multiply(false, true, batch, out, in,
                    1f, xb.data(), xb.offset(), in, wb.data(), wb.offset(), in,
                    0f, yb.data(), yb.offset(), out, epilogue);
            epilogue.clear();
            return;
        }
        sgemm.multiply(false, true, batch, out, in,
                1f, xb.data(), xb.offset(), in, wb.data(), wb.offset(), in,
                0f, yb.data(), yb.offset(), out);
        float[] yd = yb.data();
        for (int r = 0; r < batch; r++) {
            int row = yb.offset() + r * out;
            for (int o = 0; o < out; o++) {
                double z = bb == null ? yd[row + o] : (double) yd[row + o] + bb.data()[bb.offset() + o];
                yd[row + o] = (float) ActivationMath.forward(act, alpha, z);
            }
        }
    }

    @Override
    public void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out) {
        CpuBuffer dyb = view(dy, (long) batch * out);
        CpuBuffer wb = view(w, (long) out * in);
        CpuBuffer dxb = view(dx, (long) batch * in);
        // dx[batch, in] = dy[batch, out] * w[out, in]
        sgemm.multiply(false, false, batch, in, out,
                1f, dyb.data(), dyb.offset(), out, wb.data(), wb.offset(), in,
                0f, dxb.data(), dxb.offset(), in);
    }

    @Override
    public void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out,
                                    Activation act, double alpha, Buffer x) {
        if (act == Activation.IDENTITY || !ElementKernels.supports(act)) {
            Backend.super.linearBackwardInput(dy, w, dx, batch, in, out, act, alpha, x);
            return;
        }
        CpuBuffer dyb = view(dy, (long) batch * out);
        CpuBuffer wb = view(w, (long) out * in);
        CpuBuffer dxb = view(dx, (long) batch * in);
        // The activation's derivative in the product's epilogue, on each thread's block of dx.
        backwardEpilogue.set(act, (float) alpha, view(x, (long) batch * in));
        sgemm.multiply(false, false, batch, in, out,
                1f, dyb.data(), dyb.offset(), out, wb.data(), wb.offset(), in,
                0f, dxb.data(), dxb.offset(), in, backwardEpilogue);
        backwardEpilogue.clear();
    }

    @Override
    public void linearBackwardParams(Buffer dy, Buffer x, Buffer dw, Buffer dbias, int batch, int in, int out) {
        CpuBuffer dyb = view(dy, (long) batch * out);
        CpuBuffer xb = view(x, (long) batch * in);
        CpuBuffer dwb = view(dw, (long) out * in);
        // dw[out, in] = dy^T[out, batch] * x[batch, in]; the bias gradient in the product's epilogue.
        biasGradient.set(dyb, dbias == null ? null : view(dbias, out), batch, out);
        sgemm.multiply(true, false, out, in, batch,
                1f, dyb.data(), dyb.offset(), out, xb.data(), xb.offset(), in,
                0f, dwb.data(), dwb.offset(), in, dbias == null ? null : biasGradient);
        biasGradient.clear();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, Buffer a, Buffer b, double beta, Buffer c) {
        CpuBuffer ab = view(a, (long) m * k);
        CpuBuffer bb = view(b, (long) k * n);
        CpuBuffer cb = view(c, (long) m * n);
        sgemm.multiply(transA, transB, m, n, k,
                (float) alpha, ab.data(), ab.offset(), transA ? m : k,
                bb.data(), bb.offset(), transB ? k : n,
                (float) beta, cb.data(), cb.offset(), n);
    }

    // ---------------------------------------------------------------- activations

    @Override
    public void activationForward(Activation act, double alpha, Buffer x, Buffer y, int n) {
        CpuBuffer xb = view(x, n);
        CpuBuffer yb = view(y, n);
        float[] xd = xb.data();
        float[] yd = yb.data();
        if (ElementKernels.supports(act)) {
            System.arraycopy(xd, xb.offset(), yd, yb.offset(), n);
            kernels.biasActivation(yd, yb.offset(), null, 0, 1, n, act, (float) alpha);
            return;
        }
        for (int i = 0; i < n; i++) {
            yd[yb.offset() + i] = (float) ActivationMath.forward(act, alpha, xd[xb.offset() + i]);
        }
    }

    @Override
    public void activationBackward(Activation act, double alpha, Buffer x, Buffer y, Buffer dy, Buffer dx, int n) {
        CpuBuffer xb = view(x, n);
        CpuBuffer yb = view(y, n);
        CpuBuffer dyb = view(dy, n);
        CpuBuffer dxb = view(dx, n);
        if (ElementKernels.supports(act)) {
            activationBackward.set(act, (float) alpha, xb, dyb, dxb, n);
            runSplit(activationBackward, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            double slope = ActivationMath.derivative(act, alpha,
                    xb.data()[xb.offset() + i], yb.data()[yb.offset() + i]);
            dxb.data()[dxb.offset() + i] = (float) (dyb.data()[dyb.offset() + i] * slope);
        }
    }

    @Override
    public void softmaxForward(Buffer x, Buffer y, int rows, int cols) {
        CpuBuffer xb = view(x, (long) rows * cols);
        CpuBuffer yb = view(y, (long) rows * cols);
        float[] xd = xb.data();
        float[] yd = yb.data();
        for (int r = 0; r < rows; r++) {
            int xRow = xb.offset() + r * cols;
            int yRow = yb.offset() + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, xd[xRow + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp((double) xd[xRow + j] - max);
                sum += e;
                yd[yRow + j] = (float) e;
            }
            for (int j = 0; j < cols; j++) {
                yd[yRow + j] = (float) (yd[yRow + j] / sum);
            }
        }
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx, int rows, int cols) {
        CpuBuffer yb = view(y, (long) rows * cols);
        CpuBuffer dyb = view(dy, (long) rows * cols);
        CpuBuffer dxb = view(dx, (long) rows * cols);
        float[] yd = yb.data();
        float[] dyd = dyb.data();
        for (int r = 0; r < rows; r++) {
            int yRow = yb.offset() + r * cols;
            int dyRow = dyb.offset() + r * cols;
            int dxRow = dxb.offset() + r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += (double) dyd[dyRow + j] * yd[yRow + j];
            }
            for (int j = 0; j < cols; j++) {
                dxb.data()[dxRow + j] = (float) (yd[yRow + j] * (dyd[dyRow + j] - dot));
            }
        }
    }

    // ---------------------------------------------------------------- dropout

    @Override
    public void dropoutForward(Buffer x, Buffer mask, Buffer y, int n, double p, long seed) {
        CpuBuffer xb = view(x, n);
        CpuBuffer mb = view(mask, n);
        CpuBuffer yb = view(y, n);
        int threshold = DropoutHash.threshold(p);
        float scale = (float) (1 / (1 - p));
        for (int i = 0; i < n; i++) {
            float m = DropoutHash.keep(seed, i, threshold) ? scale : 0f;
            mb.data()[mb.offset() + i] = m;
            yb.data()[yb.offset() + i] = xb.data()[xb.offset() + i] * m;
        }
    }

    @Override
    public void multiply(Buffer a, Buffer b, Buffer out, int n) {
        CpuBuffer ab = view(a, n);
        CpuBuffer bb = view(b, n);
        CpuBuffer ob = view(out, n);
        for (int i = 0; i < n; i++) {
            ob.data()[ob.offset() + i] = ab.data()[ab.offset() + i] * bb.data()[bb.offset() + i];
        }
    }

    // ---------------------------------------------------------------- losses

    /**
     * {@inheritDoc}
     *
     * <p>With one-hot (probability) targets the gradient is {@code softmax * sum(t) - t}, which is the documented
     * {@code softmax - t} whenever a target row sums to 1.
     */
    @Override
    public double softmaxCrossEntropy(Buffer logits, Buffer targets, Buffer dlogits, int batch, int classes,
                                      boolean oneHot) {
        CpuBuffer zb = view(logits, (long) batch * classes);
        CpuBuffer tb = view(targets, oneHot ? (long) batch * classes : batch);
        CpuBuffer gb = dlogits == null ? null : view(dlogits, (long) batch * classes);
        float[] z = zb.data();
        float[] t = tb.data();
        if (softmaxExps.length < classes) {
            softmaxExps = new double[classes];
        }
        double[] exps = softmaxExps;
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int row = zb.offset() + r * classes;
            // Each exponential once: exps[j] / sum is the softmax, max + log(sum) the log-sum-exp.
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                exps[j] = Math.exp(z[row + j] - max);
                sum += exps[j];
            }
            double logSumExp = max + Math.log(sum);
            int label = oneHot ? -1 : LossMath.classIndex(t[tb.offset() + r], r, classes);
            double targetSum = 1;
            if (oneHot) {
                int tRow = tb.offset() + r * classes;
                targetSum = 0;
                for (int j = 0; j < classes; j++) {
                    total += t[tRow + j] * (logSumExp - z[row + j]);
                    targetSum += t[tRow + j];
                }
            } else {
                total += logSumExp - z[row + label];
            }
            if (gb != null) {
                int gRow = gb.offset() + r * classes;
                for (int j = 0; j < classes; j++) {
                    double target = oneHot ? t[tb.offset() + r * classes + j] : label == j ? 1 : 0;
                    gb.data()[gRow + j] = (float) ((exps[j] / sum * targetSum - target) / batch);
                }
            }
        }
        return total / batch;
    }

    @Override
    public double meanSquaredError(Buffer predictions, Buffer targets, Buffer dpredictions, int batch, int n) {
        int count = batch * n;
        CpuBuffer pb = view(predictions, count);
        CpuBuffer tb = view(targets, count);
        CpuBuffer gb = dpredictions == null ? null : view(dpredictions, count);
        double total = 0;
        for (int i = 0; i < count; i++) {
            double diff = (double) pb.data()[pb.offset() + i] - tb.data()[tb.offset() + i];
            total += diff * diff;
            if (gb != null) {
                gb.data()[gb.offset() + i] = (float) (2 * diff / count);
            }
        }
        return total / count;
    }

    @Override
    public double binaryCrossEntropyWithLogits(Buffer logits, Buffer targets, Buffer dlogits, int batch, int n) {
        int count = batch * n;
        CpuBuffer zb = view(logits, count);
        CpuBuffer tb = view(targets, count);
        CpuBuffer gb = dlogits == null ? null : view(dlogits, count);
        double total = 0;
        for (int i = 0; i < count; i++) {
            double z = zb.data()[zb.offset() + i];
            double t = tb.data()[tb.offset() + i];
            total += LossMath.binaryCrossEntropyWithLogits(z, t);
            if (gb != null) {
                gb.data()[gb.offset() + i] = (float) ((ActivationMath.sigmoid(z) - t) / count);
            }
        }
        return total / count;
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public void sgdUpdate(Buffer params, Buffer grads, Buffer momentumBuffer, int n, double lr, double momentum,
                          double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        CpuBuffer pb = view(params, n);
        CpuBuffer gb = view(grads, n);
        CpuBuffer bb = momentumBuffer == null ? null : view(momentumBuffer, n);
        float[] p = pb.data();
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            double g = gb.data()[gb.offset() + i] + weightDecay * p[pi];
            if (bb != null) {
                int bi = bb.offset() + i;
                double buf = firstStep ? g : momentum * bb.data()[bi] + (1 - dampening) * g;
                bb.data()[bi] = (float) buf;
                g = nesterov ? g + momentum * buf : buf;
            }
            p[pi] = (float) (p[pi] - lr * g);
        }
    }

    @Override
    public void adamUpdate(Buffer params, Buffer grads, Buffer m, Buffer v, int n, double lr, double beta1,
                           double beta2, double eps, double weightDecay, boolean decoupled, long step) {
        adam.set(view(params, n), view(grads, n), view(m, n), view(v, n), n);
        adam.scalars.set(lr, beta1, beta2, eps, weightDecay, decoupled, step);
        runSplit(adam, n);
    }

    @Override
    public void rmspropUpdate(Buffer params, Buffer grads, Buffer squareAvg, Buffer momentumBuffer, int n,
                              double lr, double alpha, double eps, double weightDecay, double momentum) {
        CpuBuffer pb = view(params, n);
        CpuBuffer gb = view(grads, n);
        CpuBuffer sb = view(squareAvg, n);
        CpuBuffer bb = momentumBuffer == null ? null : view(momentumBuffer, n);
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            int si = sb.offset() + i;
            double p = pb.data()[pi];
            double g = gb.data()[gb.offset() + i] + weightDecay * p;
            double square = alpha * sb.data()[si] + (1 - alpha) * g * g;
            sb.data()[si] = (float) square;
            double avg = Math.sqrt(square) + eps;
            if (bb != null) {
                int bi = bb.offset() + i;
                double buf = momentum * bb.data()[bi] + g / avg;
                bb.data()[bi] = (float) buf;
                pb.data()[pi] = (float) (p - lr * buf);
            } else {
                pb.data()[pi] = (float) (p - lr * g / avg);
            }
        }
    }

    @Override
    public void adagradUpdate(Buffer params, Buffer grads, Buffer sum, int n, double lr, double lrDecay,
                              double weightDecay, double eps, long step) {
        CpuBuffer pb = view(params, n);
        CpuBuffer gb = view(grads, n);
        CpuBuffer sb = view(sum, n);
        double clr = lr / (1 + (step - 1) * lrDecay);
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            int si = sb.offset() + i;
            double p = pb.data()[pi];
            double g = gb.data()[gb.offset() + i] + weightDecay * p;
            double s = sb.data()[si] + g * g;
            sb.data()[si] = (float) s;
            pb.data()[pi] = (float) (p - clr * g / (Math.sqrt(s) + eps));
        }
    }

    @Override
    public void close() {
        sgemm.close();
        pool.close();
    }

    // ---------------------------------------------------------------- parallel element-wise work

    /**
     * Runs {@code task} over {@code elements} elements: when the range is large, on every thread, in
     * {@value #CHUNKS_PER_THREAD} chunks per thread that a thread the host slows down leaves to the others.
     */
    private void runSplit(CpuThreads.ChunkTask task, long elements) {
        boolean split = elements >= PARALLEL_MIN_ELEMENTS;
        pool.runChunks(split ? threads : 1, split ? threads * CHUNKS_PER_THREAD : 1, task);
    }

    /** Bias and activation ({@link ElementKernels#biasActivation}) on a block of a dense layer's output. */
    private final class EpilogueTask implements BlockedSgemm.BlockEpilogue {
        private CpuBuffer bias;
        private Activation act;
        private float alpha;

        void set(CpuBuffer bias, Activation act, float alpha) {
            this.bias = bias;
            this.act = act;
            this.alpha = alpha;
        }

        void clear() {
            bias = null;
        }

        @Override
        public void apply(float[] y, int yOffset, int ldy, int i0, int i1, int j0, int j1) {
            float[] b = bias == null ? null : bias.data();
            int bAt = bias == null ? 0 : bias.offset() + j0;
            for (int r = i0; r < i1; r++) {
                kernels.biasActivation(y, yOffset + r * ldy + j0, b, bAt, 1, j1 - j0, act, alpha);
            }
        }
    }

    /**
     * {@link ElementKernels#activationBackward} from the output {@code x} alone, in place on a block of a dense
     * layer's input gradient (which has {@code x}'s layout).
     */
    private final class BackwardEpilogue implements BlockedSgemm.BlockEpilogue {
        private Activation act;
        private float alpha;
        private CpuBuffer x;

        void set(Activation act, float alpha, CpuBuffer x) {
            this.act = act;
            this.alpha = alpha;
            this.x = x;
        }

        void clear() {
            x = null;
        }

        @Override
        public void apply(float[] dx, int dxOffset, int ld, int i0, int i1, int j0, int j1) {
            for (int r = i0; r < i1; r++) {
                kernels.activationBackward(act, alpha, x.data(), x.offset(), dx, dxOffset, dx, dxOffset,
                        r * ld + j0, r * ld + j1);
            }
        }
    }

    /**
     * The bias gradient (column sums of {@code dy}) for the output units whose weight-gradient rows a thread has
     * just computed: rows {@code [i0, i1)} of {@code dw} are units {@code [i0, i1)}. When the threads split the
     * columns of {@code dw}, every block holds all its rows, and only the block of column 0 sums them.
     */
    private final class BiasGradient implements BlockedSgemm.BlockEpilogue {
        private CpuBuffer dy;
        private CpuBuffer dbias;
        private int batch;
        private int out;

        void set(CpuBuffer dy, CpuBuffer dbias, int batch, int out) {
            this.dy = dy;
            this.dbias = dbias;
            this.batch = batch;
            this.out = out;
        }

        void clear() {
            dy = null;
            dbias = null;
        }

        @Override
        public void apply(float[] dw, int dwOffset, int ld, int i0, int i1, int j0, int j1) {
            if (j0 == 0) {
                kernels.columnSums(dy.data(), dy.offset() + i0, out, batch, i1 - i0, dbias.data(),
                        dbias.offset() + i0);
            }
        }
    }

    /** {@link ElementKernels#activationBackward} split into ranges. */
    private final class BackwardTask implements CpuThreads.ChunkTask {
        private Activation act;
        private float alpha;
        private CpuBuffer x;
        private CpuBuffer dy;
        private CpuBuffer dx;
        private int n;

        void set(Activation act, float alpha, CpuBuffer x, CpuBuffer dy, CpuBuffer dx, int n) {
            this.act = act;
            this.alpha = alpha;
            this.x = x;
            this.dy = dy;
            this.dx = dx;
            this.n = n;
        }

        @Override
        public void run(int chunk, int chunks, int worker) {
            kernels.activationBackward(act, alpha, x.data(), x.offset(), dy.data(), dy.offset(),
                    dx.data(), dx.offset(), CpuThreads.boundary(n, chunk, chunks),
                    CpuThreads.boundary(n, chunk + 1, chunks));
        }
    }

    /** {@link ElementKernels#adam} over all parameters in one pass, split into ranges. */
    private final class AdamTask implements CpuThreads.ChunkTask {
        final ElementKernels.AdamScalars scalars = new ElementKernels.AdamScalars();
        private CpuBuffer p;
        private CpuBuffer g;
        private CpuBuffer m;
        private CpuBuffer v;
        private int n;

        void set(CpuBuffer p, CpuBuffer g, CpuBuffer m, CpuBuffer v, int n) {
            this.p = p;
            this.g = g;
            this.m = m;
            this.v = v;
            this.n = n;
        }

        @Override
        public void run(int chunk, int chunks, int worker) {
            kernels.adam(p.data(), p.offset(), g.data(), g.offset(), m.data(), m.offset(), v.data(), v.offset(),
                    CpuThreads.boundary(n, chunk, chunks), CpuThreads.boundary(n, chunk + 1, chunks), scalars);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static CpuBuffer host(Buffer buffer) {
        if (buffer instanceof CpuBuffer cpu) {
            return cpu;
        }
        throw new IllegalArgumentException("CpuBackend got a buffer of another backend: " + buffer);
    }

    /** The buffer as a {@link CpuBuffer}, checked to hold at least {@code needed} elements. */
    private static CpuBuffer view(Buffer buffer, long needed) {
        CpuBuffer b = host(buffer);
        if (b.length() < needed) {
            throw new IndexOutOfBoundsException("kernel needs " + needed + " elements but the buffer has "
                    + b.length());
        }
        return b;
    }
}
