package dev.neurite.runtime.cpu;

/**
 * Decides, call by call, whether {@link CpuThreads} splits a task between its threads or runs it on the caller
 * alone. Splitting pays only while every thread has a core. When another process (or, on a VM, the host) keeps
 * one busy, the scheduler deschedules a worker for milliseconds at a time, often in the middle of its part, and
 * the caller waits for it at the end of the call: on 2 cores with a busy loop beside it, mnist_mlp's training
 * step took 0.57-0.64 ms on two threads against 0.43-0.44 ms on one (bench/README.md, fifteenth round).
 *
 * <p>So the caller's waits are summed over every {@link #WINDOW_NANOS} of split calls. If they took more than
 * {@link #MAX_WAIT_SHARE} of that time, the next calls run on the caller alone for {@link #FIRST_SOLO_NANOS}, and
 * for twice as long after each further window that ends the same way (up to {@link #MAX_SOLO_NANOS}), until
 * {@link #CALM_WINDOWS} windows in a row stay below the share. A single descheduling of a few milliseconds, which
 * happens now and then on a quiet VM too, stays under the share: going solo for it would cost more than the wait.
 * Results do not depend on any of this: every kernel gives the same bits for any split.
 *
 * <p>Times are {@link System#nanoTime} values passed in by the caller, so the policy can be tested with any clock.
 * Not thread-safe: {@link CpuThreads} calls it from the thread that runs a task, one task at a time.
 */
final class StallBackOff {

    /** Time in split calls over which the caller's waits are summed. */
    static final long WINDOW_NANOS = 50_000_000;
    /**
     * The share of a window's time that waiting may take before the calls go solo. Two threads are 1.4x one on
     * mnist_mlp's step and 1.9x on fashion_mnist's on a quiet machine: below a third of the time lost, splitting
     * is still the faster way.
     */
    static final double MAX_WAIT_SHARE = 1.0 / 3;
    /** The first solo period: as long as a window, so that a short burst of other load costs little. */
    static final long FIRST_SOLO_NANOS = WINDOW_NANOS;
    /** The longest solo period: how long a machine that got its core back may go on running on one thread. */
    static final long MAX_SOLO_NANOS = 1_000_000_000;
    /**
     * Windows in a row under the share before the solo period starts over at its first length. One is not enough:
     * a worker that slept through a solo period runs ahead of a busy process for a while when it wakes (the Linux
     * scheduler's credit for sleepers), so the first window after one is calm even when the other load has stayed.
     */
    static final int CALM_WINDOWS = 4;

    private long windowNanos;
    private long waitedNanos;
    private long soloNanos = FIRST_SOLO_NANOS;
    private int calmWindows;
    /** When the last solo period ends or ended, once there has been one. */
    private long soloUntil;
    private boolean wentSolo;

    /** Whether a call starting at {@code now} should be split between the threads. */
    boolean split(long now) {
        return !wentSolo || now - soloUntil >= 0;
    }

    /**
     * Records a split call that started at {@code start}, whose caller finished its own share {@code ownNanos}
     * later and then waited {@code waitNanos} for the other threads.
     */
    void finished(long start, long ownNanos, long waitNanos) {
        windowNanos += ownNanos + waitNanos;
        waitedNanos += waitNanos;
        if (windowNanos < WINDOW_NANOS) {
            return;
        }
        boolean stalled = waitedNanos > MAX_WAIT_SHARE * windowNanos;
        windowNanos = 0;
        waitedNanos = 0;
        if (!stalled) {
            calmWindows = Math.min(calmWindows + 1, CALM_WINDOWS);
            if (calmWindows == CALM_WINDOWS) {
                soloNanos = FIRST_SOLO_NANOS;
            }
            return;
        }
        calmWindows = 0;
        wentSolo = true;
        soloUntil = start + ownNanos + waitNanos + soloNanos;
        soloNanos = Math.min(2 * soloNanos, MAX_SOLO_NANOS);
    }
}
