package dev.neurite.runtime.opencl;

import dev.neurite.runtime.backend.Activation;
import org.jocl.CL;
import org.jocl.cl_command_queue;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * The GEMM kernels of one context: one program per transpose case, built on first use and then reused. Every
 * kernel computes {@code c = act(alpha * op(a) * op(b) + beta * c + bias)}; the linear layers use the bias and
 * activation epilogue, {@link dev.neurite.runtime.backend.Backend#gemm} passes none.
 */
final class GemmKernels {

    /** Register-blocked outer-product kernel: rows per work-item, and float16 vectors of columns. */
    private static final int OUTER_ROWS = 6;
    private static final int OUTER_VECTORS = 2;
    /** Register-blocked dot-product kernel (no transpose of A, transposed B): rows and columns per work-item. */
    private static final int DOT_ROWS = 4;
    private static final int DOT_COLUMNS = 4;

    private final GemmKernel kind;
    private final Programs programs;
    private final cl_command_queue queue;
    private final cl_device_id device;
    private final int tile;
    /** Indexed by {@code (transA ? 2 : 0) + (transB ? 1 : 0)}. */
    private final Kernel[] kernels = new Kernel[4];

    GemmKernels(GemmKernel kind, Programs programs, cl_command_queue queue, cl_device_id device,
                long maxWorkGroupSize) {
        this.kind = kind;
        this.programs = programs;
        this.queue = queue;
        this.device = device;
        this.tile = maxWorkGroupSize >= 256 ? 16 : maxWorkGroupSize >= 64 ? 8 : 4;
    }

    GemmKernel kind() {
        return kind;
    }

    /** Enqueues {@code c = act(alpha * op(a) * op(b) + beta * c + bias)}; {@code bias} may be null. */
    void run(boolean transA, boolean transB, int m, int n, int k, double alpha, OpenClBuffer a, OpenClBuffer b,
             double beta, OpenClBuffer c, OpenClBuffer bias, Activation act, double actAlpha) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        kernel(transA, transB).call()
                .intArg(m).intArg(n).intArg(k).floatArg(alpha)
                .buffer(a).intArg(lda)
                .buffer(b).intArg(ldb)
                .floatArg(beta).buffer(c).intArg(n)
                .buffer(bias == null ? c : bias).flag(bias != null)
                .intArg(act.ordinal()).floatArg(actAlpha)
                .run2d(globalSize(transA, transB, m, n), localSize());
    }

    void release() {
        for (Kernel kernel : kernels) {
            if (kernel != null) {
                kernel.release();
            }
        }
    }

    private boolean usesDotKernel(boolean transA, boolean transB) {
        return kind == GemmKernel.REGISTER_BLOCKED && !transA && transB;
    }

    private long[] globalSize(boolean transA, boolean transB, int m, int n) {
        if (kind == GemmKernel.LOCAL_TILED) {
            return new long[] {roundUp(n, tile), roundUp(m, tile)};
        }
        if (usesDotKernel(transA, transB)) {
            return new long[] {ceilDiv(n, DOT_COLUMNS), ceilDiv(m, DOT_ROWS)};
        }
        return new long[] {ceilDiv(n, 16 * OUTER_VECTORS), ceilDiv(m, OUTER_ROWS)};
    }

    /** Tiled kernels need whole tiles as work-groups; blocked ones share nothing, so the driver picks. */
    private long[] localSize() {
        return kind == GemmKernel.LOCAL_TILED ? new long[] {tile, tile} : null;
    }

    private Kernel kernel(boolean transA, boolean transB) {
        int index = (transA ? 2 : 0) + (transB ? 1 : 0);
        if (kernels[index] == null) {
            String options = "-DTRANS_A=" + (transA ? 1 : 0) + " -DTRANS_B=" + (transB ? 1 : 0) + " ";
            cl_program program;
            if (kind == GemmKernel.LOCAL_TILED) {
                program = programs.build(options + "-DTILE=" + tile, "gemm_common.cl", "gemm_tiled.cl");
            } else if (usesDotKernel(transA, transB)) {
                program = programs.build(options + "-DROWS=" + DOT_ROWS + " -DCOLS=" + DOT_COLUMNS,
                        "gemm_common.cl", "gemm_dot.cl");
            } else {
                program = programs.build(options + "-DROWS=" + OUTER_ROWS + " -DVECS=" + OUTER_VECTORS,
                        "gemm_common.cl", "gemm_blocked.cl");
            }
            kernels[index] = new Kernel(CL.clCreateKernel(program, "gemm", null), queue, device);
        }
        return kernels[index];
    }

    private static long ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    private static long roundUp(int value, int multiple) {
        return ceilDiv(value, multiple) * multiple;
    }
}
