package dev.neurite.runtime.opencl;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Measures GEMM GFLOP/s on the products of one FashionMlp (784-512-512-10) training step at batch 64, on the CPU
 * backend and on an OpenCL device with each GEMM kernel, one after the other so that all see the same machine
 * load. GFLOP/s is the best of several rounds; GFLOP/cpu-s divides by the CPU time the process used (all
 * threads, the OpenCL driver's and the JIT compiler's too), which says how efficient a kernel is even when other
 * jobs take the cores. A main, not a test: run it by hand.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp runtime/target/classes:runtime/target/test-classes:JOCL_JAR \
 *     dev.neurite.runtime.opencl.GemmBenchmark [device]</pre>
 */
public final class GemmBenchmark {

    /** {m, n, k, transA, transB}: forward of dense1 and dense2, dense2's input gradient, dense1's weight gradient. */
    private static final int[][] SHAPES = {
        {64, 512, 784, 0, 1}, {64, 512, 512, 0, 1}, {64, 512, 512, 0, 0}, {512, 784, 64, 1, 0}
    };
    private static final int ROUNDS = 10;
    private static final int REPEATS = 10;
    private static final long WARMUP_NANOS = 500_000_000;

    private GemmBenchmark() {
    }

    public static void main(String[] args) {
        int device = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (Backend cpu = new CpuBackend()) {
            measureAll(cpu);
        }
        for (GemmKernel kind : GemmKernel.values()) {
            try (OpenClBackend backend = OpenClBackend.open(device, kind)) {
                measureAll(backend);
            }
        }
    }

    private static void measureAll(Backend backend) {
        System.out.println(backend.name());
        for (int[] shape : SHAPES) {
            measure(backend, shape[0], shape[1], shape[2], shape[3] == 1, shape[4] == 1);
        }
    }

    private static void measure(Backend backend, int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(1);
        Buffer a = filled(backend, m * k, random);
        Buffer b = filled(backend, k * n, random);
        Buffer c = backend.allocate(m * n);
        float[] sink = new float[1];
        // Warm up for a fixed time: long enough for the JIT to compile the CPU kernels.
        for (long end = System.nanoTime() + WARMUP_NANOS; System.nanoTime() < end; ) {
            backend.gemm(transA, transB, m, n, k, 1, a, b, 0, c);
            backend.read(c, sink, 0, 1);
        }
        backend.read(c, sink, 0, 1);
        // The best of several rounds: on a shared machine the fastest round is the one least disturbed by others.
        double seconds = Double.POSITIVE_INFINITY;
        long cpuStart = processCpuNanos();
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int r = 0; r < REPEATS; r++) {
                backend.gemm(transA, transB, m, n, k, 1, a, b, 0, c);
            }
            backend.read(c, sink, 0, 1); // blocking read: waits until an OpenCL queue has drained
            seconds = Math.min(seconds, (System.nanoTime() - start) / 1e9 / REPEATS);
        }
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9 / (ROUNDS * REPEATS);
        double flops = 2.0 * m * n * k;
        System.out.printf("  %4d x %4d x %4d  transA=%-5b transB=%-5b  %7.2f GFLOP/s  %7.2f GFLOP/cpu-s  (%.3f ms)%n",
                m, n, k, transA, transB, flops / seconds / 1e9, flops / cpuSeconds / 1e9, seconds * 1e3);
    }

    /** CPU time of the whole process, all threads (the OpenCL driver's too): work done, whatever the load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Buffer filled(Backend backend, int n, Random random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        Buffer buffer = backend.allocate(n);
        backend.write(buffer, values, 0, n);
        return buffer;
    }
}
