package dev.neurite.runtime.opencl;

import dev.neurite.runtime.backend.Buffer;
import java.util.Random;

/**
 * Measures the GEMM kernels' GFLOP/s on the shapes of a Fashion-MNIST MLP step (batch 64): the forward pass of
 * the first layer, a hidden layer, and the first layer's weight gradient. A main, not a test: run it by hand.
 *
 * <pre>java -cp runtime/target/classes:runtime/target/test-classes:JOCL_JAR dev.neurite.runtime.opencl.GemmBenchmark [device]</pre>
 */
public final class GemmBenchmark {

    /** {m, n, k, transA, transB}. */
    private static final int[][] SHAPES = {{64, 784, 512, 0, 1}, {64, 512, 512, 0, 0}, {512, 784, 64, 1, 0}};

    private GemmBenchmark() {
    }

    public static void main(String[] args) {
        int device = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        for (GemmKernel kind : GemmKernel.values()) {
            try (OpenClBackend backend = OpenClBackend.open(device, kind)) {
                System.out.println(backend.name());
                for (int[] shape : SHAPES) {
                    measure(backend, shape[0], shape[1], shape[2], shape[3] == 1, shape[4] == 1);
                }
            }
        }
    }

    private static void measure(OpenClBackend backend, int m, int n, int k, boolean transA, boolean transB) {
        Random random = new Random(1);
        Buffer a = filled(backend, m * k, random);
        Buffer b = filled(backend, k * n, random);
        Buffer c = backend.allocate(m * n);
        float[] sink = new float[1];
        for (int warmup = 0; warmup < 5; warmup++) {
            backend.gemm(transA, transB, m, n, k, 1, a, b, 0, c);
        }
        backend.read(c, sink, 0, 1);
        int repeats = 50;
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            backend.gemm(transA, transB, m, n, k, 1, a, b, 0, c);
        }
        backend.read(c, sink, 0, 1); // blocking read: waits for the in-order queue to drain
        double seconds = (System.nanoTime() - start) / 1e9 / repeats;
        System.out.printf("  %4d x %4d x %4d  transA=%-5b transB=%-5b  %7.2f GFLOP/s  (%.3f ms)%n",
                m, n, k, transA, transB, 2.0 * m * n * k / seconds / 1e9, seconds * 1e3);
    }

    private static Buffer filled(OpenClBackend backend, int n, Random random) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        Buffer buffer = backend.allocate(n);
        backend.write(buffer, values, 0, n);
        return buffer;
    }
}
