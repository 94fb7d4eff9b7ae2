package dev.neurite.bench;

import dev.neurite.runtime.cpu.Sgemm;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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

    /** What {@code evicted} writes before each call. */
    private static final int EVICTED_BYTES = 8 << 20;

    @Param
    public GemmShape shape;

    @Param({"1", "2"})
    public int threads;

    /**
     * {@code hot}: the operands stay in cache from one call to the next, as in a loop over the same product.
     * {@code evicted}: before each call 8 MB of other data are written ({@link #EVICTED_BYTES}), about what
     * a fashion_mnist training step touches between two uses of a layer's weights, so the operands come from the
     * L3 cache or memory, as in a training step; then a small product on all threads, so that a worker that
     * parked during the writes is awake again, as it is between the products of a step (waking it made the
     * 2-thread 64x512x784 forward take 1.45-1.9x as long, bench/README.md).
     */
    @Param({"hot"})
    public String caches;

    private float[] other;
    /** The small product after the writes: 64x64x128, just above the size that runs on one thread. */
    private final float[] wakeA = new float[64 * 128];
    private final float[] wakeB = new float[128 * 64];
    private final float[] wakeC = new float[64 * 64];

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
        other = switch (caches) {
            case "hot" -> null;
            case "evicted" -> new float[EVICTED_BYTES / Float.BYTES];
            default -> throw new IllegalArgumentException("caches must be hot or evicted, got " + caches);
        };
    }

    /**
     * With {@code evicted}: one write per cache line of {@link #other}, split in two halves for a parallel stream
     * (the benchmark thread and, when it picks one up, a thread of the common pool, so that the other core's cache
     * is written too), then the small product.
     */
    @Setup(Level.Invocation)
    public void evict() {
        if (other == null) {
            return;
        }
        float[] o = other;
        int half = o.length / 2;
        IntStream.range(0, 2).parallel().forEach(part -> {
            for (int i = part * half; i < (part + 1) * half; i += 16) {
                o[i] += 1f;
            }
        });
        gemm.multiply(false, false, 64, 64, 128, 1f, wakeA, 0, 128, wakeB, 0, 64, 0f, wakeC, 0, 64);
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
