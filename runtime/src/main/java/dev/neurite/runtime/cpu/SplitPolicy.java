package dev.neurite.runtime.cpu;

/**
 * Decides whether {@link CpuThreads} splits its calls between its threads or runs them on the caller alone.
 * Splitting pays only while every thread has a core. When another process keeps one busy, the scheduler
 * deschedules a worker for milliseconds at a time, often in the middle of its part, and the caller waits for it at
 * the end of the call: on 2 cores with a busy loop beside it, mnist_mlp's training step took 0.50-0.72 ms on two
 * threads against 0.43-0.44 ms on one (bench/README.md, fifteenth round). But long waits alone do not say that one
 * thread would be faster: while the JIT compiles the kernels, its threads make the workers wait too, and running on
 * the caller alone then made mnist_mlp's first epoch slower.
 *
 * <p>So the policy measures both ways. It sums the time of the calls, and what the caller waited, over windows of
 * {@link #WINDOW_NANOS}. After a split window in which the caller waited more than {@link #MAX_WAIT_SHARE} of the
 * time, the calls run solo for a stint of windows and then split for {@link #PROBE_WINDOWS} windows, and the mean
 * time per call of the last of these is compared with the stint's last: while solo is faster, the next stint is
 * twice as long (up to {@link #MAX_STINT_WINDOWS}); once split is faster, the calls stay split, and solo is not
 * tried again for {@link #TRIAL_PAUSE_WINDOWS} windows. A training or inference loop makes the same calls step
 * after step, so the mean time per call of two nearby windows compares the two ways on the same work. Results do
 * not depend on any of this: every kernel gives the same bits for any split.
 *
 * <p>Not thread-safe: {@link CpuThreads} calls it from the thread that runs a task, one task at a time.
 */
final class SplitPolicy {

    /** Time over which calls are measured: tens of training steps, enough to compare two windows' means. */
    static final long WINDOW_NANOS = 50_000_000;
    /**
     * The share of a split window that waiting may take before solo is tried. Two threads are 1.4x one on
     * mnist_mlp's step and 1.9x on fashion_mnist's on a quiet machine: below a third of the time lost, splitting
     * is the faster way anyway.
     */
    static final double MAX_WAIT_SHARE = 1.0 / 3;
    /** The longest solo stint, in windows (one second): how long a machine that got its core back may stay solo. */
    static final int MAX_STINT_WINDOWS = 20;
    /**
     * Split windows after a solo stint, of which the last is compared with the stint's last. The first split window
     * after a stint is slow even on a quiet machine (mnist_mlp's calls took 48-98 us in it, against 28 us later and
     * ~40 us solo): the worker wakes up from parking, and the data it works on has to come back into its caches.
     */
    static final int PROBE_WINDOWS = 2;
    /** Split windows after solo turned out slower before solo is tried again. */
    static final int TRIAL_PAUSE_WINDOWS = 10;

    private long windowNanos;
    private long waitedNanos;
    private int windowCalls;
    private boolean solo;
    /** Windows left in the current solo stint, or before solo may be tried again. */
    private int windowsLeft;
    /** Windows of the next solo stint. */
    private int stintWindows = 1;
    /** Split windows left in the probe after a solo stint, and that stint's last time per call. */
    private int probeWindowsLeft;
    private double soloNanosPerCall;

    /** Whether the next call should be split between the threads. */
    boolean split() {
        return !solo;
    }

    /**
     * Records a call that took {@code callNanos} in all, of which the caller waited {@code waitNanos} for the
     * other threads (0 for a call run solo).
     */
    void finished(long callNanos, long waitNanos) {
        windowNanos += callNanos;
        waitedNanos += waitNanos;
        windowCalls++;
        if (windowNanos < WINDOW_NANOS) {
            return;
        }
        double nanosPerCall = (double) windowNanos / windowCalls;
        boolean waitedLong = waitedNanos > MAX_WAIT_SHARE * windowNanos;
        windowNanos = 0;
        waitedNanos = 0;
        windowCalls = 0;
        if (solo) {
            soloNanosPerCall = nanosPerCall;
            if (--windowsLeft == 0) {
                solo = false;
                probeWindowsLeft = PROBE_WINDOWS;
            }
            return;
        }
        if (probeWindowsLeft > 0) {
            if (--probeWindowsLeft > 0) {
                return;
            }
            if (soloNanosPerCall < nanosPerCall) {
                stintWindows = Math.min(2 * stintWindows, MAX_STINT_WINDOWS);
                goSolo();
            } else {
                stintWindows = 1;
                windowsLeft = TRIAL_PAUSE_WINDOWS;
            }
            return;
        }
        if (windowsLeft > 0) {
            windowsLeft--;
        } else if (waitedLong) {
            goSolo();
        }
    }

    private void goSolo() {
        solo = true;
        windowsLeft = stintWindows;
    }
}
