package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.backend.DropoutHash;

import java.util.Arrays;

/**
 * The reference backend: the same kernels as {@link CpuBackend} in double precision, single-threaded, with a
 * naive matrix product. It is slow and exists for gradient checks against finite differences and as the yardstick
 * the float backends are compared with.
 */
public final class DoubleCpuBackend implements Backend {

    /** A new double-precision reference backend. */
    public DoubleCpuBackend() {
    }

    @Override
    public String name() {
        return "cpu-double (float64 reference, 1 thread)";
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Buffer allocate(int length) {
        return new DoubleCpuBuffer(new double[length], 0, length);
    }

    @Override
    public Buffer slice(Buffer buffer, int offset, int length) {
        DoubleCpuBuffer b = host(buffer);
        if (offset < 0 || length < 0 || offset + length > b.length()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length)
                    + ") does not fit in a buffer of " + b.length());
        }
        return new DoubleCpuBuffer(b.data(), b.offset() + offset, length);
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOffset, int length) {
        DoubleCpuBuffer d = view(dst, length);
        for (int i = 0; i < length; i++) {
            d.data()[d.offset() + i] = src[srcOffset + i];
        }
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOffset, int length) {
        DoubleCpuBuffer s = view(src, length);
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = (float) s.data()[s.offset() + i];
        }
    }

    @Override
    public void writeDoubles(Buffer dst, double[] src, int srcOffset, int length) {
        DoubleCpuBuffer d = view(dst, length);
        System.arraycopy(src, srcOffset, d.data(), d.offset(), length);
    }

    @Override
    public void readDoubles(Buffer src, double[] dst, int dstOffset, int length) {
        DoubleCpuBuffer s = view(src, length);
        System.arraycopy(s.data(), s.offset(), dst, dstOffset, length);
    }

    @Override
    public void fill(Buffer dst, double value, int length) {
        DoubleCpuBuffer d = view(dst, length);
        Arrays.fill(d.data(), d.offset(), d.offset() + length, value);
    }

    @Override
    public void copy(Buffer src, Buffer dst, int length) {
        DoubleCpuBuffer s = view(src, length);
        DoubleCpuBuffer d = view(dst, length);
        System.arraycopy(s.data(), s.offset(), d.data(), d.offset(), length);
    }

    // ---------------------------------------------------------------- linear layers

    @Override
    public void linearForward(Buffer x, Buffer w, Buffer bias, Buffer y, int batch, int in, int out,
                              Activation act, double alpha) {
        DoubleCpuBuffer xb = view(x, (long) batch * in);
        DoubleCpuBuffer wb = view(w, (long) out * in);
        DoubleCpuBuffer yb = view(y, (long) batch * out);
        DoubleCpuBuffer bb = bias == null ? null : view(bias, out);
        for (int r = 0; r < batch; r++) {
            for (int o = 0; o < out; o++) {
                double z = bb == null ? 0 : bb.data()[bb.offset() + o];
                for (int i = 0; i < in; i++) {
                    z += xb.data()[xb.offset() + r * in + i] * wb.data()[wb.offset() + o * in + i];
                }
                yb.data()[yb.offset() + r * out + o] = ActivationMath.forward(act, alpha, z);
            }
        }
    }

    @Override
    public void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out) {
        DoubleCpuBuffer dyb = view(dy, (long) batch * out);
        DoubleCpuBuffer wb = view(w, (long) out * in);
        DoubleCpuBuffer dxb = view(dx, (long) batch * in);
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < in; i++) {
                double sum = 0;
                for (int o = 0; o < out; o++) {
                    sum += dyb.data()[dyb.offset() + r * out + o] * wb.data()[wb.offset() + o * in + i];
                }
                dxb.data()[dxb.offset() + r * in + i] = sum;
            }
        }
    }

    @Override
    public void linearBackwardParams(Buffer dy, Buffer x, Buffer dw, Buffer dbias, int batch, int in, int out) {
        DoubleCpuBuffer dyb = view(dy, (long) batch * out);
        DoubleCpuBuffer xb = view(x, (long) batch * in);
        DoubleCpuBuffer dwb = view(dw, (long) out * in);
        DoubleCpuBuffer db = dbias == null ? null : view(dbias, out);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double sum = 0;
                for (int r = 0; r < batch; r++) {
                    sum += dyb.data()[dyb.offset() + r * out + o] * xb.data()[xb.offset() + r * in + i];
                }
                dwb.data()[dwb.offset() + o * in + i] = sum;
            }
            if (db != null) {
                double sum = 0;
                for (int r = 0; r < batch; r++) {
                    sum += dyb.data()[dyb.offset() + r * out + o];
                }
                db.data()[db.offset() + o] = sum;
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, Buffer a, Buffer b, double beta, Buffer c) {
        DoubleCpuBuffer ab = view(a, (long) m * k);
        DoubleCpuBuffer bb = view(b, (long) k * n);
        DoubleCpuBuffer cb = view(c, (long) m * n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? ab.data()[ab.offset() + p * m + i] : ab.data()[ab.offset() + i * k + p];
                    double bv = transB ? bb.data()[bb.offset() + j * k + p] : bb.data()[bb.offset() + p * n + j];
                    sum += av * bv;
                }
                int at = cb.offset() + i * n + j;
                // beta == 0 overwrites without reading, so garbage (NaN) in c does not leak, as in Sgemm.
                cb.data()[at] = beta == 0 ? alpha * sum : alpha * sum + beta * cb.data()[at];
            }
        }
    }

    // ---------------------------------------------------------------- activations

    @Override
    public void activationForward(Activation act, double alpha, Buffer x, Buffer y, int n) {
        DoubleCpuBuffer xb = view(x, n);
        DoubleCpuBuffer yb = view(y, n);
        double[] xd = xb.data();
        double[] yd = yb.data();
        for (int i = 0; i < n; i++) {
            yd[yb.offset() + i] = ActivationMath.forward(act, alpha, xd[xb.offset() + i]);
        }
    }

    @Override
    public void activationBackward(Activation act, double alpha, Buffer x, Buffer y, Buffer dy, Buffer dx, int n) {
        DoubleCpuBuffer xb = view(x, n);
        DoubleCpuBuffer yb = view(y, n);
        DoubleCpuBuffer dyb = view(dy, n);
        DoubleCpuBuffer dxb = view(dx, n);
        for (int i = 0; i < n; i++) {
            double slope = ActivationMath.derivative(act, alpha,
                    xb.data()[xb.offset() + i], yb.data()[yb.offset() + i]);
            dxb.data()[dxb.offset() + i] = dyb.data()[dyb.offset() + i] * slope;
        }
    }

    @Override
    public void softmaxForward(Buffer x, Buffer y, int rows, int cols) {
        DoubleCpuBuffer xb = view(x, (long) rows * cols);
        DoubleCpuBuffer yb = view(y, (long) rows * cols);
        double[] xd = xb.data();
        double[] yd = yb.data();
        for (int r = 0; r < rows; r++) {
            int xRow = xb.offset() + r * cols;
            int yRow = yb.offset() + r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, xd[xRow + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(xd[xRow + j] - max);
                sum += e;
                yd[yRow + j] = e;
            }
            for (int j = 0; j < cols; j++) {
                yd[yRow + j] = yd[yRow + j] / sum;
            }
        }
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx, int rows, int cols) {
        DoubleCpuBuffer yb = view(y, (long) rows * cols);
        DoubleCpuBuffer dyb = view(dy, (long) rows * cols);
        DoubleCpuBuffer dxb = view(dx, (long) rows * cols);
        double[] yd = yb.data();
        double[] dyd = dyb.data();
        for (int r = 0; r < rows; r++) {
            int yRow = yb.offset() + r * cols;
            int dyRow = dyb.offset() + r * cols;
            int dxRow = dxb.offset() + r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) {
                dot += dyd[dyRow + j] * yd[yRow + j];
            }
            for (int j = 0; j < cols; j++) {
                dxb.data()[dxRow + j] = yd[yRow + j] * (dyd[dyRow + j] - dot);
            }
        }
    }

    // ---------------------------------------------------------------- dropout

    @Override
    public void dropoutForward(Buffer x, Buffer mask, Buffer y, int n, double p, long seed) {
        DoubleCpuBuffer xb = view(x, n);
        DoubleCpuBuffer mb = view(mask, n);
        DoubleCpuBuffer yb = view(y, n);
        int threshold = DropoutHash.threshold(p);
        double scale = 1 / (1 - p);
        for (int i = 0; i < n; i++) {
            double m = DropoutHash.keep(seed, i, threshold) ? scale : 0;
            mb.data()[mb.offset() + i] = m;
            yb.data()[yb.offset() + i] = xb.data()[xb.offset() + i] * m;
        }
    }

    @Override
    public void multiply(Buffer a, Buffer b, Buffer out, int n) {
        DoubleCpuBuffer ab = view(a, n);
        DoubleCpuBuffer bb = view(b, n);
        DoubleCpuBuffer ob = view(out, n);
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
        DoubleCpuBuffer zb = view(logits, (long) batch * classes);
        DoubleCpuBuffer tb = view(targets, oneHot ? (long) batch * classes : batch);
        DoubleCpuBuffer gb = dlogits == null ? null : view(dlogits, (long) batch * classes);
        double[] z = zb.data();
        double[] t = tb.data();
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int row = zb.offset() + r * classes;
            double logSumExp = LossMath.logSumExp(z, row, classes);
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
                    double softmax = Math.exp(z[row + j] - logSumExp);
                    gb.data()[gRow + j] = (softmax * targetSum - target) / batch;
                }
            }
        }
        return total / batch;
    }

    @Override
    public double meanSquaredError(Buffer predictions, Buffer targets, Buffer dpredictions, int batch, int n) {
        int count = batch * n;
        DoubleCpuBuffer pb = view(predictions, count);
        DoubleCpuBuffer tb = view(targets, count);
        DoubleCpuBuffer gb = dpredictions == null ? null : view(dpredictions, count);
        double total = 0;
        for (int i = 0; i < count; i++) {
            double diff = pb.data()[pb.offset() + i] - tb.data()[tb.offset() + i];
            total += diff * diff;
            if (gb != null) {
                gb.data()[gb.offset() + i] = 2 * diff / count;
            }
        }
        return total / count;
    }

    @Override
    public double binaryCrossEntropyWithLogits(Buffer logits, Buffer targets, Buffer dlogits, int batch, int n) {
        int count = batch * n;
        DoubleCpuBuffer zb = view(logits, count);
        DoubleCpuBuffer tb = view(targets, count);
        DoubleCpuBuffer gb = dlogits == null ? null : view(dlogits, count);
        double total = 0;
        for (int i = 0; i < count; i++) {
            double z = zb.data()[zb.offset() + i];
            double t = tb.data()[tb.offset() + i];
            total += LossMath.binaryCrossEntropyWithLogits(z, t);
            if (gb != null) {
                gb.data()[gb.offset() + i] = (ActivationMath.sigmoid(z) - t) / count;
            }
        }
        return total / count;
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public void sgdUpdate(Buffer params, Buffer grads, Buffer momentumBuffer, int n, double lr, double momentum,
                          double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        DoubleCpuBuffer pb = view(params, n);
        DoubleCpuBuffer gb = view(grads, n);
        DoubleCpuBuffer bb = momentumBuffer == null ? null : view(momentumBuffer, n);
        double[] p = pb.data();
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            double g = gb.data()[gb.offset() + i] + weightDecay * p[pi];
            if (bb != null) {
                int bi = bb.offset() + i;
                double buf = firstStep ? g : momentum * bb.data()[bi] + (1 - dampening) * g;
                bb.data()[bi] = buf;
                g = nesterov ? g + momentum * buf : buf;
            }
            p[pi] = p[pi] - lr * g;
        }
    }

    @Override
    public void adamUpdate(Buffer params, Buffer grads, Buffer m, Buffer v, int n, double lr, double beta1,
                           double beta2, double eps, double weightDecay, boolean decoupled, long step) {
        DoubleCpuBuffer pb = view(params, n);
        DoubleCpuBuffer gb = view(grads, n);
        DoubleCpuBuffer mb = view(m, n);
        DoubleCpuBuffer vb = view(v, n);
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            int mi = mb.offset() + i;
            int vi = vb.offset() + i;
            double p = pb.data()[pi];
            double g = gb.data()[gb.offset() + i];
            if (decoupled) {
                p *= 1 - lr * weightDecay;
            } else {
                g += weightDecay * p;
            }
            double mean = beta1 * mb.data()[mi] + (1 - beta1) * g;
            double square = beta2 * vb.data()[vi] + (1 - beta2) * g * g;
            mb.data()[mi] = mean;
            vb.data()[vi] = square;
            pb.data()[pi] = p - stepSize * mean / (Math.sqrt(square) / biasCorrection2Sqrt + eps);
        }
    }

    @Override
    public void rmspropUpdate(Buffer params, Buffer grads, Buffer squareAvg, Buffer momentumBuffer, int n,
                              double lr, double alpha, double eps, double weightDecay, double momentum) {
        DoubleCpuBuffer pb = view(params, n);
        DoubleCpuBuffer gb = view(grads, n);
        DoubleCpuBuffer sb = view(squareAvg, n);
        DoubleCpuBuffer bb = momentumBuffer == null ? null : view(momentumBuffer, n);
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            int si = sb.offset() + i;
            double p = pb.data()[pi];
            double g = gb.data()[gb.offset() + i] + weightDecay * p;
            double square = alpha * sb.data()[si] + (1 - alpha) * g * g;
            sb.data()[si] = square;
            double avg = Math.sqrt(square) + eps;
            if (bb != null) {
                int bi = bb.offset() + i;
                double buf = momentum * bb.data()[bi] + g / avg;
                bb.data()[bi] = buf;
                pb.data()[pi] = p - lr * buf;
            } else {
                pb.data()[pi] = p - lr * g / avg;
            }
        }
    }

    @Override
    public void adagradUpdate(Buffer params, Buffer grads, Buffer sum, int n, double lr, double lrDecay,
                              double weightDecay, double eps, long step) {
        DoubleCpuBuffer pb = view(params, n);
        DoubleCpuBuffer gb = view(grads, n);
        DoubleCpuBuffer sb = view(sum, n);
        double clr = lr / (1 + (step - 1) * lrDecay);
        for (int i = 0; i < n; i++) {
            int pi = pb.offset() + i;
            int si = sb.offset() + i;
            double p = pb.data()[pi];
            double g = gb.data()[gb.offset() + i] + weightDecay * p;
            double s = sb.data()[si] + g * g;
            sb.data()[si] = s;
            pb.data()[pi] = p - clr * g / (Math.sqrt(s) + eps);
        }
    }

    @Override
    public void close() {
        // Heap arrays only: nothing to release.
    }

    // ---------------------------------------------------------------- helpers

    private static DoubleCpuBuffer host(Buffer buffer) {
        if (buffer instanceof DoubleCpuBuffer cpu) {
            return cpu;
        }
        throw new IllegalArgumentException("DoubleCpuBackend got a buffer of another backend: " + buffer);
    }

    /** The buffer as a {@link DoubleCpuBuffer}, checked to hold at least {@code needed} elements. */
    private static DoubleCpuBuffer view(Buffer buffer, long needed) {
        DoubleCpuBuffer b = host(buffer);
        if (b.length() < needed) {
            throw new IndexOutOfBoundsException("kernel needs " + needed + " elements but the buffer has "
                    + b.length());
        }
        return b;
    }
}
