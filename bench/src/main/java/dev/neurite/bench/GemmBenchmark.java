package dev.neurite.bench;

import dev.neurite.runtime.cpu.Sgemm;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Sgemm#create} on the shapes of {@link GemmShape}, with 1 and 2 threads. JMH reports calls
 * per second; {@link GemmReport} turns them into GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    @Param
    public GemmShape shape;

    @Param({"1", "2"})
    public int threads;

    private Sgemm gemm;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        gemm = Sgemm.create(threads);
        SplittableRandom random = new SplittableRandom(1);
        a = random(random, shape.m * shape.k);
        b = random(random, shape.k * shape.n);
        c = new float[shape.m * shape.n];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    @Benchmark
    public float[] multiply() {
        GemmShape s = shape;
        int lda = s.transA ? s.m : s.k;
        int ldb = s.transB ? s.k : s.n;
        gemm.multiply(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
        return c;
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
