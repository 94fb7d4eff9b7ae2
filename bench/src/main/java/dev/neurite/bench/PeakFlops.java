package dev.neurite.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Locale;

/**
 * Measures what the CPU can do right now: a register-only loop of fused multiply-adds on the preferred vector
 * species, on one thread and on {@code THREADS} threads at once, printed in GFLOP/s. On a virtual machine whose
 * cores the host shares, this moves from one minute to the next (437-461 GFLOP/s for two threads on one AMD EPYC
 * VM, 240-476 on another an hour apart), so {@code bench/compare.sh} prints it before and after its runs: a table
 * is only as good as the machine it ran on.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector bench/src/main/java/dev/neurite/bench/PeakFlops.java [THREADS]
 * </pre>
 *
 * <p>Runs as a single source file (no build needed); twelve independent accumulators hide the latency of two FMA
 * units.
 */
public final class PeakFlops {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final long ITERATIONS = 200_000_000;
    private static final int CHAINS = 12;
    /** Where every loop's result goes, so that C2 cannot drop the loop as dead code. */
    private static volatile float sink;

    private PeakFlops() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < 300; i++) {
            sink = loop(100_000); // short calls, so that C2 compiles the whole method, not only the loop on entry
        }
        System.out.printf(Locale.ROOT, "FMA peak (%d-bit vectors): 1 thread %.0f GFLOP/s, %d threads %.0f GFLOP/s%n",
                F.vectorBitSize(), gflops(1), threads, gflops(threads));
    }

    /** GFLOP/s of {@code threads} threads running the loop at the same time. */
    private static double gflops(int threads) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> sink = loop(ITERATIONS));
        }
        long start = System.nanoTime();
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return threads * ITERATIONS * CHAINS * 2.0 * F.length() / seconds / 1e9;
    }

    /** {@code iterations} rounds of {@value #CHAINS} independent multiply-adds; returns their sum's first lane. */
    private static float loop(long iterations) {
        FloatVector x = FloatVector.broadcast(F, 1.0000001f);
        FloatVector y = FloatVector.broadcast(F, -1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 0f);
        FloatVector a1 = FloatVector.broadcast(F, 1f);
        FloatVector a2 = FloatVector.broadcast(F, 2f);
        FloatVector a3 = FloatVector.broadcast(F, 3f);
        FloatVector a4 = FloatVector.broadcast(F, 4f);
        FloatVector a5 = FloatVector.broadcast(F, 5f);
        FloatVector a6 = FloatVector.broadcast(F, 6f);
        FloatVector a7 = FloatVector.broadcast(F, 7f);
        FloatVector a8 = FloatVector.broadcast(F, 8f);
        FloatVector a9 = FloatVector.broadcast(F, 9f);
        FloatVector a10 = FloatVector.broadcast(F, 10f);
        FloatVector a11 = FloatVector.broadcast(F, 11f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .lane(0);
    }
}
