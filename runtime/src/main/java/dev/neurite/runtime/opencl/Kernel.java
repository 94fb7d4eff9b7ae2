package dev.neurite.runtime.opencl;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;

/**
 * A kernel object created once and reused for every call, with the largest work-group size the device allows
 * for it. Arguments are set in order through {@link #call()}; a backend is used by one thread at a time, so
 * setting arguments on the shared kernel object is safe.
 */
final class Kernel {

    /** The work-group size for one-dimensional kernels when the device allows at least this many. */
    private static final long PREFERRED_WORK_GROUP = 256;

    private final cl_kernel kernel;
    private final cl_command_queue queue;
    private final long maxWorkGroupSize;

    Kernel(cl_kernel kernel, cl_command_queue queue, cl_device_id device) {
        this.kernel = kernel;
        this.queue = queue;
        long[] size = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(size), null);
        this.maxWorkGroupSize = size[0];
    }

    /** The largest work-group this kernel may be launched with on its device. */
    long maxWorkGroupSize() {
        return maxWorkGroupSize;
    }

    /** Starts setting arguments from the first one. */
    Call call() {
        return new Call();
    }

    void release() {
        CL.clReleaseKernel(kernel);
    }

    /** Sets the arguments of one launch, in order, then enqueues it. */
    final class Call {
        private int index;

        /** A buffer as two arguments: its {@code cl_mem} and its offset in elements. */
        Call buffer(OpenClBuffer buffer) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(buffer.memory));
            return intArg(buffer.offset);
        }

        /** A buffer argument without an offset (kernel-private scratch memory). */
        Call memory(OpenClBuffer buffer) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(buffer.memory));
            return this;
        }

        Call intArg(int value) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {value}));
            return this;
        }

        Call flag(boolean value) {
            return intArg(value ? 1 : 0);
        }

        Call floatArg(double value) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
            return this;
        }

        Call longArg(long value) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_ulong, Pointer.to(new long[] {value}));
            return this;
        }

        /** Local memory of {@code floats} elements, one block per work-group. */
        Call localFloats(int floats) {
            CL.clSetKernelArg(kernel, index++, (long) Sizeof.cl_float * floats, null);
            return this;
        }

        /**
         * Runs {@code items} work-items in work-groups as large as allowed (up to 256), the global size rounded
         * up to a whole number of groups; kernels ignore the work-items past {@code items}.
         */
        void run(int items) {
            if (items <= 0) {
                return;
            }
            long group = Math.min(PREFERRED_WORK_GROUP, maxWorkGroupSize);
            long global = (items + group - 1) / group * group;
            enqueue(new long[] {global}, new long[] {group});
        }

        /** Runs exactly one work-group of {@code size} work-items. */
        void runOneGroup(int size) {
            enqueue(new long[] {size}, new long[] {size});
        }

        /** Runs a two-dimensional range; a null {@code local} lets the implementation pick the groups. */
        void run2d(long[] global, long[] local) {
            if (global[0] > 0 && global[1] > 0) {
                enqueue(global, local);
            }
        }

        private void enqueue(long[] global, long[] local) {
            CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
        }
    }
}
