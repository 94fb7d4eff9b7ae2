package dev.neurite.runtime.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run one task in parallel parts. The calling thread runs part 0 itself, so
 * {@code threads} threads in total work on a task and only {@code threads - 1} are started. Threads are created
 * once and reused: a call allocates nothing. Idle workers wait briefly without sleeping (back-to-back calls are
 * common within a training step) and then park. While they wait they yield the core rather than spin on it: in
 * the first steps the JIT's compiler threads need the cores too, and a thread that spins while its partner is
 * descheduled only delays both (mnist_mlp's first epoch took ~0.63 instead of ~0.79 s; once the kernels are
 * compiled nobody else wants the core, the yield returns at once and steps take as long as with spinning).
 *
 * <p>{@link #runChunks} balances work between the threads: each thread works through its own share of chunks
 * first, then takes the chunks another thread has not started yet. On a virtual machine whose cores the host
 * also gives to other guests, one thread often runs at half the speed of the other for tens of milliseconds (a
 * register-only FMA loop on the two vCPUs of issue 7's machine: 34-127 GFLOP/s per thread in 30 ms windows, the
 * two threads apart by up to 2.7x); with fixed shares the fast thread would wait for the slow one. Starting with
 * its own share keeps a thread on the same part of the data from one call to the next while nobody is slowed.
 *
 * <p>When another process takes a core, a worker is descheduled for milliseconds, and a call that waits for it
 * can cost more than the worker's help saves: {@link SplitPolicy} then runs calls on the caller alone while that
 * measures faster.
 *
 * <p>Calls to {@link #run} and {@link #runChunks} from several threads are serialized.
 */
final class CpuThreads implements AutoCloseable {

    /** One part of a parallel task. */
    @FunctionalInterface
    interface PartTask {
        /**
         * Runs part {@code part} of {@code parts}; every part runs exactly once, concurrently with the others or,
         * while {@link SplitPolicy} runs calls solo, one after another on the caller: a part must not wait
         * for another without a time limit.
         */
        void run(int part, int parts);
    }

    /** One chunk of a task shared out by {@link #runChunks}. */
    @FunctionalInterface
    interface ChunkTask {
        /**
         * Runs chunk {@code chunk} of {@code chunks} on the thread numbered {@code worker} (0 is the caller; a
         * thread's scratch memory can be indexed by it). Every chunk runs exactly once; which thread runs it and
         * in which order is not fixed, so a chunk's result must not depend on either.
         */
        void run(int chunk, int chunks, int worker);
    }

    /** How long an idle thread waits awake before parking: longer than the gap between two kernels of a step. */
    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile PartTask task;
    private volatile int parts;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** The task {@link #runChunks} is running and its number of chunks. */
    private ChunkTask chunkTask;
    private int chunkCount;
    /** For each part, the next chunk of its share that nobody has taken yet. */
    private final AtomicInteger[] nextChunk;
    private final PartTask chunkTaker = this::takeChunks;
    /** Whether calls are split, or run on the caller alone while that is faster (another process holds a core). */
    private final SplitPolicy splitPolicy = new SplitPolicy();

    /** Starts {@code threads - 1} daemon worker threads. */
    CpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        this.nextChunk = new AtomicInteger[threads];
        for (int part = 0; part < threads; part++) {
            nextChunk[part] = new AtomicInteger();
        }
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].thread.start();
        }
    }

    /**
     * Where part {@code part} of {@code parts} of a range of {@code n} elements starts: parts are nearly equal
     * and start on multiples of 64 elements, so no two threads write the same cache line of a float array.
     */
    static int boundary(int n, int part, int parts) {
        if (part >= parts) {
            return n;
        }
        int chunks = (n + 63) / 64;
        return Math.min(n, (int) ((long) chunks * part / parts) * 64);
    }

    /** The number of threads a task can be split over, the caller included. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code task} in {@code parts} parts ({@code 1 <= parts <= threads()}) and returns when all are done:
     * on as many threads, or on the caller alone, one part after another, while {@link SplitPolicy} has found that
     * faster (another process holds a core). An exception thrown by any part is rethrown here after every part has
     * finished.
     */
    synchronized void run(int parts, PartTask task) {
        if (parts < 1 || parts > threads) {
            throw new IllegalArgumentException("parts must be in [1, " + threads + "], got " + parts);
        }
        if (closed) {
            throw new IllegalStateException("the CPU threads were closed");
        }
        long start = System.nanoTime();
        if (parts == 1 || !splitPolicy.split()) {
            // One branch for one part and for running solo, so that the JIT sees it taken in both cases.
            for (int part = 0; part < parts; part++) {
                task.run(part, parts);
            }
            splitPolicy.finished(System.nanoTime() - start, 0);
            return;
        }
        this.task = task;
        this.parts = parts;
        this.failure = null;
        this.caller = Thread.currentThread();
        pending.set(parts - 1);
        for (int w = 0; w < parts - 1; w++) {
            workers[w].hasWork = true;
            LockSupport.unpark(workers[w].thread);
        }
        try {
            task.run(0, parts);
        } catch (Throwable t) {
            recordFailure(t);
        }
        long ownDone = System.nanoTime();
        awaitWorkers();
        long end = System.nanoTime();
        splitPolicy.finished(end - start, end - ownDone);
        this.task = null;
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thrown);
        }
    }

    /**
     * Runs chunks {@code 0 .. chunks - 1} of {@code task} on up to {@code parts} threads ({@code 1 <= parts <=
     * threads()}) and returns when all are done. Each thread owns a contiguous share of the chunks, runs it in
     * order, and then takes the chunks of the others' shares that they have not started. An exception thrown by
     * any chunk is rethrown here after every thread has stopped.
     */
    synchronized void runChunks(int parts, int chunks, ChunkTask task) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, got " + chunks);
        }
        int used = Math.min(parts, chunks);
        for (int part = 0; part < used; part++) {
            nextChunk[part].set(shareStart(chunks, part, used));
        }
        chunkTask = task;
        chunkCount = chunks;
        try {
            run(used, chunkTaker);
        } finally {
            chunkTask = null;
        }
    }

    /** The first chunk of part {@code part}'s share. */
    private static int shareStart(int chunks, int part, int parts) {
        return (int) ((long) chunks * part / parts);
    }

    /** The part task of {@link #runChunks}: a thread's own share, then what is left of the others'. */
    private void takeChunks(int part, int parts) {
        ChunkTask task = chunkTask;
        int chunks = chunkCount;
        for (int q = 0; q < parts; q++) {
            int owner = (part + q) % parts;
            AtomicInteger next = nextChunk[owner];
            int end = shareStart(chunks, owner + 1, parts);
            for (int chunk = next.getAndIncrement(); chunk < end; chunk = next.getAndIncrement()) {
                task.run(chunk, chunks, part);
            }
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void recordFailure(Throwable t) {
        synchronized (pending) {
            if (failure == null) {
                failure = t;
            }
        }
    }

    /** Stops the worker threads; the pool cannot be used afterwards. */
    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
    }

    private final class Worker implements Runnable {
        final int part;
        final Thread thread;
        volatile boolean hasWork;

        Worker(int part) {
            this.part = part;
            this.thread = new Thread(this, "neurite-cpu-" + part);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!closed) {
                if (!hasWork) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.yield();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                hasWork = false;
                try {
                    task.run(part, parts);
                } catch (Throwable t) {
                    recordFailure(t);
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
