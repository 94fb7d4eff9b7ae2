package dev.neurite.runtime.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;

/**
 * The {@link Backend} on one OpenCL device, in float32. Parameters, gradients and activations live in device
 * memory; only the losses' single numbers and explicit {@link #read reads} come back to the host.
 *
 * <p>One in-order command queue serialises the kernels, and reads and writes block, so the host never sees a
 * half-finished result. Programs are built once when the backend opens (the GEMM kernels on first use of each
 * transpose case) and kernel objects are reused for every call. Like the other backends, an instance is meant
 * for one thread at a time.
 */
public final class OpenClBackend implements Backend {

    private static final String[] KERNEL_SOURCES = {
        "elementwise.cl", "dropout.cl", "softmax.cl", "losses.cl", "optimizers.cl"
    };

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Programs programs;
    private final Map<String, Kernel> kernels = new HashMap<>();
    private final GemmKernels gemm;
    private final List<cl_mem> allocations = new ArrayList<>();
    /** Per-row or per-element loss terms, grown on demand, and the one-float result of their sum. */
    private OpenClBuffer lossTerms;
    private final OpenClBuffer lossSum;
    private boolean closed;

    private OpenClBackend(OpenClDevice device, GemmKernel gemmKernel) {
        this.device = device;
        cl_device_id id = device.deviceId();
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platformId());
        this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {id}, null, null, null);
        this.queue = createInOrderQueue(context, id);
        this.programs = new Programs(context, id);
        programs.createKernels(programs.build("", KERNEL_SOURCES))
                .forEach((name, kernel) -> kernels.put(name, new Kernel(kernel, queue, id)));
        this.gemm = new GemmKernels(gemmKernel, programs, queue, id, device.maxWorkGroupSize());
        this.lossSum = (OpenClBuffer) allocate(1);
    }

    /**
     * Opens device {@code deviceIndex} of {@link OpenClDevices#list()} with the GEMM kernel that suits it.
     *
     * @throws OpenClUnavailableException when OpenCL is missing or there is no such device
     */
    public static OpenClBackend open(int deviceIndex) {
        OpenClDevice device = OpenClDevices.get(deviceIndex);
        return new OpenClBackend(device, GemmKernel.defaultFor(device));
    }

    /** Like {@link #open(int)} but with a chosen GEMM kernel, to compare them or to override the default. */
    public static OpenClBackend open(int deviceIndex, GemmKernel gemmKernel) {
        return new OpenClBackend(OpenClDevices.get(deviceIndex), gemmKernel);
    }

    public OpenClDevice device() {
        return device;
    }

    @Override
    public String name() {
        return "opencl " + device.index() + ": " + device.name() + " (" + device.type() + ", "
                + gemm.kind().name().toLowerCase().replace('_', '-') + " gemm)";
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Buffer allocate(int length) {
        checkOpen();
        // OpenCL refuses empty allocations; an empty buffer still gets one element of device memory.
        long bytes = (long) Math.max(1, length) * Sizeof.cl_float;
        cl_mem memory = CL.clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        allocations.add(memory);
        OpenClBuffer buffer = new OpenClBuffer(this, memory, 0, length);
        fill(buffer, 0, length);
        return buffer;
    }

    @Override
    public Buffer slice(Buffer buffer, int offset, int length) {
        OpenClBuffer parent = own(buffer);
        if (offset < 0 || length < 0 || offset + length > parent.length()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length)
                    + ") of a buffer of " + parent.length() + " elements");
        }
        return new OpenClBuffer(this, parent.memory, parent.offset + offset, length);
    }

    @Override
    public void write(Buffer dst, float[] src, int srcOffset, int length) {
        OpenClBuffer buffer = own(dst, length);
        if (length > 0) {
            CL.clEnqueueWriteBuffer(queue, buffer.memory, CL_TRUE, bytes(buffer.offset), bytes(length),
                    Pointer.to(src).withByteOffset(bytes(srcOffset)), 0, null, null);
        }
    }

    @Override
    public void read(Buffer src, float[] dst, int dstOffset, int length) {
        OpenClBuffer buffer = own(src, length);
        if (length > 0) {
            CL.clEnqueueReadBuffer(queue, buffer.memory, CL_TRUE, bytes(buffer.offset), bytes(length),
                    Pointer.to(dst).withByteOffset(bytes(dstOffset)), 0, null, null);
        }
    }

    @Override
    public void writeDoubles(Buffer dst, double[] src, int srcOffset, int length) {
        float[] floats = new float[length];
        for (int i = 0; i < length; i++) {
            floats[i] = (float) src[srcOffset + i];
        }
        write(dst, floats, 0, length);
    }

    @Override
    public void readDoubles(Buffer src, double[] dst, int dstOffset, int length) {
        float[] floats = new float[length];
        read(src, floats, 0, length);
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = floats[i];
        }
    }

    @Override
    public void fill(Buffer dst, double value, int length) {
        kernel("fill").call().buffer(own(dst, length)).floatArg(value).intArg(length).run(length);
    }

    @Override
    public void copy(Buffer src, Buffer dst, int length) {
        kernel("copy").call().buffer(own(src, length)).buffer(own(dst, length)).intArg(length).run(length);
    }

    // ---------------------------------------------------------------- linear layers

    @Override
    public void linearForward(Buffer x, Buffer w, Buffer bias, Buffer y, int batch, int in, int out,
                              Activation act, double alpha) {
        gemm.run(false, true, batch, out, in, 1, own(x, batch * in), own(w, out * in), 0, own(y, batch * out),
                bias == null ? null : own(bias, out), act, alpha);
    }

    @Override
    public void linearBackwardInput(Buffer dy, Buffer w, Buffer dx, int batch, int in, int out) {
        gemm.run(false, false, batch, in, out, 1, own(dy, batch * out), own(w, out * in), 0, own(dx, batch * in),
                null, Activation.IDENTITY, 0);
    }

    @Override
    public void linearBackwardParams(Buffer dy, Buffer x, Buffer dw, Buffer dbias, int batch, int in, int out) {
        OpenClBuffer gradients = own(dy, batch * out);
        gemm.run(true, false, out, in, batch, 1, gradients, own(x, batch * in), 0, own(dw, out * in),
                null, Activation.IDENTITY, 0);
        if (dbias != null) {
            kernel("column_sums").call().buffer(gradients).buffer(own(dbias, out)).intArg(batch).intArg(out)
                    .run(out);
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, Buffer a, Buffer b, double beta, Buffer c) {
        gemm.run(transA, transB, m, n, k, alpha, own(a, m * k), own(b, k * n), beta, own(c, m * n),
                null, Activation.IDENTITY, 0);
    }

    // ---------------------------------------------------------------- activations

    @Override
    public void activationForward(Activation act, double alpha, Buffer x, Buffer y, int n) {
        kernel("activation_forward").call().intArg(act.ordinal()).floatArg(alpha)
                .buffer(own(x, n)).buffer(own(y, n)).intArg(n).run(n);
    }

    @Override
    public void activationBackward(Activation act, double alpha, Buffer x, Buffer y, Buffer dy, Buffer dx, int n) {
        kernel("activation_backward").call().intArg(act.ordinal()).floatArg(alpha)
                .buffer(own(x, n)).buffer(own(y, n)).buffer(own(dy, n)).buffer(own(dx, n)).intArg(n).run(n);
    }

    @Override
    public void softmaxForward(Buffer x, Buffer y, int rows, int cols) {
        int n = rows * cols;
        kernel("softmax_forward").call().buffer(own(x, n)).buffer(own(y, n)).intArg(rows).intArg(cols).run(rows);
    }

    @Override
    public void softmaxBackward(Buffer y, Buffer dy, Buffer dx, int rows, int cols) {
        int n = rows * cols;
        kernel("softmax_backward").call().buffer(own(y, n)).buffer(own(dy, n)).buffer(own(dx, n))
                .intArg(rows).intArg(cols).run(rows);
    }

    // ---------------------------------------------------------------- dropout

    @Override
    public void dropoutForward(Buffer x, Buffer mask, Buffer y, int n, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1) but is " + p);
        }
        kernel("dropout_forward").call().buffer(own(x, n)).buffer(own(mask, n)).buffer(own(y, n)).intArg(n)
                .longArg(seed).intArg(DropoutRule.keepThreshold(p)).floatArg(1 / (1 - p)).run(n);
    }

    @Override
    public void multiply(Buffer a, Buffer b, Buffer out, int n) {
        kernel("multiply").call().buffer(own(a, n)).buffer(own(b, n)).buffer(own(out, n)).intArg(n).run(n);
    }

    // ---------------------------------------------------------------- losses

    @Override
    public double softmaxCrossEntropy(Buffer logits, Buffer targets, Buffer dlogits, int batch, int classes,
                                      boolean oneHot) {
        int n = batch * classes;
        OpenClBuffer z = own(logits, n);
        kernel("softmax_cross_entropy").call().buffer(z).buffer(own(targets, oneHot ? n : batch))
                .buffer(gradientOr(dlogits, z, n)).flag(dlogits != null).memory(lossTerms(batch))
                .intArg(batch).intArg(classes).flag(oneHot).floatArg(1.0 / batch).run(batch);
        return sumOfLossTerms(batch) / batch;
    }

    @Override
    public double meanSquaredError(Buffer predictions, Buffer targets, Buffer dpredictions, int batch, int n) {
        return elementwiseLoss("mean_squared_error", predictions, targets, dpredictions, batch * n);
    }

    @Override
    public double binaryCrossEntropyWithLogits(Buffer logits, Buffer targets, Buffer dlogits, int batch, int n) {
        return elementwiseLoss("bce_with_logits", logits, targets, dlogits, batch * n);
    }

    private double elementwiseLoss(String kernelName, Buffer inputs, Buffer targets, Buffer gradients, int count) {
        OpenClBuffer in = own(inputs, count);
        kernel(kernelName).call().buffer(in).buffer(own(targets, count)).buffer(gradientOr(gradients, in, count))
                .flag(gradients != null).memory(lossTerms(count)).intArg(count).floatArg(1.0 / count).run(count);
        return sumOfLossTerms(count) / count;
    }

    /** The gradient buffer, or a stand-in that the kernel will not write when there is none. */
    private OpenClBuffer gradientOr(Buffer gradients, OpenClBuffer standIn, int length) {
        return gradients == null ? standIn : own(gradients, length);
    }

    private OpenClBuffer lossTerms(int count) {
        if (lossTerms == null || lossTerms.length() < count) {
            if (lossTerms != null) {
                allocations.remove(lossTerms.memory);
                CL.clReleaseMemObject(lossTerms.memory);
            }
            lossTerms = (OpenClBuffer) allocate(Math.max(count, 1024));
        }
        return lossTerms;
    }

    /** Adds up the first {@code count} loss terms on the device and reads back the one sum. */
    private double sumOfLossTerms(int count) {
        Kernel reduce = kernel("sum_reduce");
        int group = Integer.highestOneBit((int) Math.min(256, reduce.maxWorkGroupSize()));
        reduce.call().memory(lossTerms).intArg(count).memory(lossSum).localFloats(group).runOneGroup(group);
        float[] sum = new float[1];
        read(lossSum, sum, 0, 1);
        return sum[0];
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public void sgdUpdate(Buffer params, Buffer grads, Buffer momentumBuffer, int n, double lr, double momentum,
                          double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        OpenClBuffer p = own(params, n);
        OpenClBuffer buffer = momentum == 0 ? p : own(momentumBuffer, n);
        kernel("sgd_update").call().buffer(p).buffer(own(grads, n)).buffer(buffer).intArg(n).floatArg(lr)
                .floatArg(momentum).floatArg(1 - dampening).floatArg(weightDecay).flag(nesterov).flag(firstStep).run(n);
    }

    @Override
    public void adamUpdate(Buffer params, Buffer grads, Buffer m, Buffer v, int n, double lr, double beta1,
                           double beta2, double eps, double weightDecay, boolean decoupled, long step) {
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, step));
        kernel("adam_update").call().buffer(own(params, n)).buffer(own(grads, n)).buffer(own(m, n))
                .buffer(own(v, n)).intArg(n).floatArg(beta1).floatArg(1 - beta1).floatArg(beta2).floatArg(1 - beta2)
                .floatArg(eps)
                .floatArg(decoupled ? 0 : weightDecay).floatArg(decoupled ? 1 - lr * weightDecay : 1)
                .floatArg(stepSize).floatArg(sqrtCorrection2).run(n);
    }

    @Override
    public void rmspropUpdate(Buffer params, Buffer grads, Buffer squareAvg, Buffer momentumBuffer, int n,
                              double lr, double alpha, double eps, double weightDecay, double momentum) {
        OpenClBuffer p = own(params, n);
        OpenClBuffer buffer = momentum > 0 ? own(momentumBuffer, n) : p;
        kernel("rmsprop_update").call().buffer(p).buffer(own(grads, n)).buffer(own(squareAvg, n)).buffer(buffer)
                .intArg(n).floatArg(lr).floatArg(alpha).floatArg(1 - alpha).floatArg(eps).floatArg(weightDecay)
                .floatArg(momentum)
                .run(n);
    }

    @Override
    public void adagradUpdate(Buffer params, Buffer grads, Buffer sum, int n, double lr, double lrDecay,
                              double weightDecay, double eps, long step) {
        double clr = lr / (1 + (step - 1) * lrDecay);
        kernel("adagrad_update").call().buffer(own(params, n)).buffer(own(grads, n)).buffer(own(sum, n))
                .intArg(n).floatArg(clr).floatArg(weightDecay).floatArg(eps).run(n);
    }

    // ---------------------------------------------------------------- lifetime

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CL.clFinish(queue);
        kernels.values().forEach(Kernel::release);
        gemm.release();
        programs.release();
        allocations.forEach(CL::clReleaseMemObject);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("deprecation") // clCreateCommandQueue is the call OpenCL 1.x drivers (many GPUs) still need
    private static cl_command_queue createInOrderQueue(cl_context context, cl_device_id device) {
        return CL.clCreateCommandQueue(context, device, 0, null);
    }

    private Kernel kernel(String name) {
        checkOpen();
        return kernels.get(name);
    }

    private OpenClBuffer own(Buffer buffer) {
        checkOpen();
        if (!(buffer instanceof OpenClBuffer) || ((OpenClBuffer) buffer).owner != this) {
            throw new IllegalArgumentException("buffer " + buffer + " does not belong to this OpenCL backend");
        }
        return (OpenClBuffer) buffer;
    }

    /** The buffer as this backend's own, checked to hold at least {@code needed} elements. */
    private OpenClBuffer own(Buffer buffer, int needed) {
        OpenClBuffer own = own(buffer);
        if (own.length() < needed) {
            throw new IndexOutOfBoundsException("a kernel needs " + needed + " elements but the buffer has "
                    + own.length());
        }
        return own;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this OpenCL backend is closed");
        }
    }

    private static long bytes(int elements) {
        return (long) elements * Sizeof.cl_float;
    }
}
