package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class CpuThreadsTest {

    @Test
    void runChunksRunsEveryChunkExactlyOnceForAnySplit() {
        try (CpuThreads threads = new CpuThreads(3)) {
            for (int parts = 1; parts <= 3; parts++) {
                for (int chunks : new int[] {1, 2, 3, 5, 12, 97}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                    threads.runChunks(parts, chunks, (chunk, count, worker) -> {
                        assertEquals(chunks, count);
                        runs.incrementAndGet(chunk);
                    });
                    for (int chunk = 0; chunk < chunks; chunk++) {
                        assertEquals(1, runs.get(chunk), "chunk " + chunk + " of " + chunks + ", parts " + parts);
                    }
                }
            }
        }
    }

    @Test
    void aFastThreadTakesOverTheChunksOfASlowOne() {
        // Worker 1 owns chunks 8..15 but spends 20 ms on each; the caller (worker 0) finishes its own share at
        // once and then takes what worker 1 has not started.
        try (CpuThreads threads = new CpuThreads(2)) {
            AtomicIntegerArray ranBy = new AtomicIntegerArray(16);
            threads.runChunks(2, 16, (chunk, chunks, worker) -> {
                ranBy.set(chunk, worker);
                if (worker == 1) {
                    LockSupport.parkNanos(20_000_000);
                }
            });
            int byCaller = 0;
            for (int chunk = 0; chunk < 16; chunk++) {
                byCaller += ranBy.get(chunk) == 0 ? 1 : 0;
            }
            assertTrue(byCaller >= 12, "the caller ran " + byCaller + " of 16 chunks");
            for (int chunk = 0; chunk < 8; chunk++) {
                assertEquals(0, ranBy.get(chunk), "the caller's own chunk " + chunk + " was taken from it");
            }
        }
    }

    @Test
    void whenSplitCallsWaitForADescheduledWorkerAndSoloIsFasterTheCallerRunsThemAlone() {
        try (CpuThreads threads = new CpuThreads(2)) {
            // Chunk 1 stops for 5 ms when worker 1 runs it, as if the host had taken worker 1's core; chunk 0 waits
            // up to 2 ms for chunk 1 to start. Split, a call takes ~5 ms, most of it waiting; solo, ~2 ms. The
            // policy tries solo after the first window, and after 10.5 windows it is in its third solo stint
            // (windows 9-12, after two probes of two windows each).
            AtomicBoolean started = new AtomicBoolean();
            long until = System.nanoTime() + 21 * SplitPolicy.WINDOW_NANOS / 2;
            while (System.nanoTime() < until) {
                started.set(false);
                threads.runChunks(2, 2, (chunk, chunks, worker) -> {
                    if (chunk == 1) {
                        started.set(true);
                        if (worker == 1) {
                            sleep(5);
                        }
                    } else {
                        long spinUntil = System.nanoTime() + 2_000_000;
                        while (!started.get() && System.nanoTime() < spinUntil) {
                            Thread.onSpinWait();
                        }
                    }
                });
            }
            AtomicIntegerArray ranBy = new AtomicIntegerArray(2);
            threads.runChunks(2, 2, (chunk, chunks, worker) -> ranBy.set(chunk, worker + 1));
            assertEquals(1, ranBy.get(0));
            assertEquals(1, ranBy.get(1), "chunk 1 ran on worker " + (ranBy.get(1) - 1));
        }
    }

    @Test
    void anExceptionInAChunkIsRethrownToTheCallerAndThePoolStaysUsable() {
        try (CpuThreads threads = new CpuThreads(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> threads.runChunks(2, 8, (chunk, chunks, worker) -> {
                        if (chunk == 5) {
                            throw new IllegalStateException("chunk 5 failed");
                        }
                    }));
            assertEquals("chunk 5 failed", thrown.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            threads.runChunks(2, 4, (chunk, chunks, worker) -> runs.incrementAndGet(chunk));
            for (int chunk = 0; chunk < 4; chunk++) {
                assertEquals(1, runs.get(chunk));
            }
        }
    }

    /** Not {@code LockSupport.parkNanos}: the pool's unparks can leave a thread a permit that ends it at once. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
