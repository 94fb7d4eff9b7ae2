package dev.neurite.runtime.train;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

/**
 * A test-only backend over plain float arrays that supports memory operations only; {@link FakeModel} does its
 * arithmetic in Java on {@link #array} views. Kernel methods throw.
 */
public final class ArrayBackend implements Backend {

    /** A view of {@code length} floats of {@code data} from {@code offset}. */
    public record ArrayBuffer(float[] data, int offset, int length) implements Buffer {
    }

    /** The array behind a buffer of this backend and the view's offset into it. */
    public static ArrayBuffer array(Buffer buffer) {
        return (ArrayBuffer) buffer;
    }

    @Override
    public String name() {
        return "test arrays";
    }

    @Override
    public Buffer allocate(int length) {
        return new ArrayBuffer(new float[length], 0, length);
    }

    @Override
    public Buffer slice(Buffer buffer, int offset, int length) {
        ArrayBuffer b = array(buffer);
        if (offset < 0 || offset + length > b.length()) {
            throw new IndexOutOfBoundsException(offset + "+" + length + " > " + b.length());
        }
        return new ArrayBuffer(b.data(), b.offset() + offset, length);
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOffset, int length) {
        ArrayBuffer b = array(dst);
        System.arraycopy(src, srcOffset, b.data(), b.offset(), length);
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOffset, int length) {
        ArrayBuffer b = array(src);
        System.arraycopy(b.data(), b.offset(), dst, dstOffset, length);
    }

    @Override
    public void writeDoubles(Buffer dst, double[] src, int srcOffset, int length) {
        ArrayBuffer b = array(dst);
        for (int i = 0; i < length; i++) {
            b.data()[b.offset() + i] = (float) src[srcOffset + i];
        }
    }

    @Override
    public void readDoubles(Buffer src, double[] dst, int dstOffset, int length) {
        ArrayBuffer b = array(src);
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = b.data()[b.offset() + i];
        }
    }

    @Override
    public void fill(Buffer dst, double value, int length) {
        ArrayBuffer b = array(dst);
        java.util.Arrays.fill(b.data(), b.offset(), b.offset() + length, (float) value);
    }

    @Override
    public void copy(Buffer src, Buffer dst, int length) {
        ArrayBuffer s = array(src);
        ArrayBuffer d = array(dst);
        System.arraycopy(s.data(), s.offset(), d.data(), d.offset(), length);
    }

    private static UnsupportedOperationException kernel() {
        return new UnsupportedOperationException("the test backend has no kernels");
    }

    @Override
    public void linearForward(Buffer x, Buffer w, Buffer bias, Buffer y, int batch, int in, int out,
                              Activation act, double alpha) {
        throw kernel();
    }

    @Override
    public void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out) {
        throw kernel();
    }

    @Override
    public void linearBackwardParams(Buffer dy, Buffer x, Buffer dw, Buffer dbias, int batch, int in, int out) {
        throw kernel();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Buffer a, Buffer b,
                     double beta, Buffer c) {
        throw kernel();
    }

    @Override
    public void activationForward(Activation act, double alpha, Buffer x, Buffer y, int n) {
        throw kernel();
    }

    @Override
    public void activationBackward(Activation act, double alpha, Buffer x, Buffer y, Buffer dy, Buffer dx, int n) {
        throw kernel();
    }

    @Override
    public void softmaxForward(Buffer x, Buffer y, int rows, int cols) {
        throw kernel();
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx, int rows, int cols) {
        throw kernel();
    }

    @Override
    public void dropoutForward(Buffer x, Buffer mask, Buffer y, int n, double p, long seed) {
        throw kernel();
    }

    @Override
    public void multiply(Buffer a, Buffer b, Buffer out, int n) {
        throw kernel();
    }

    @Override
    public double softmaxCrossEntropy(Buffer logits, Buffer targets, Buffer dlogits, int batch, int classes,
                                      boolean oneHot) {
        throw kernel();
    }

    @Override
    public double meanSquaredError(Buffer predictions, Buffer targets, Buffer dpredictions, int batch, int n) {
        throw kernel();
    }

    @Override
    public double binaryCrossEntropyWithLogits(Buffer logits, Buffer targets, Buffer dlogits, int batch, int n) {
        throw kernel();
    }

    @Override
    public void sgdUpdate(Buffer params, Buffer grads, Buffer momentumBuffer, int n, double lr, double momentum,
                          double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        throw kernel();
    }

    @Override
    public void adamUpdate(Buffer params, Buffer grads, Buffer m, Buffer v, int n, double lr, double beta1,
                           double beta2, double eps, double weightDecay, boolean decoupled, long step) {
        throw kernel();
    }

    @Override
    public void rmspropUpdate(Buffer params, Buffer grads, Buffer squareAvg, Buffer momentumBuffer, int n,
                              double lr, double alpha, double eps, double weightDecay, double momentum) {
        throw kernel();
    }

    @Override
    public void adagradUpdate(Buffer params, Buffer grads, Buffer sum, int n, double lr, double lrDecay,
                              double weightDecay, double eps, long step) {
        throw kernel();
    }

    @Override
    public void close() {
    }
}
