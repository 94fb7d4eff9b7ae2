package dev.neurite.runtime.cpu;

import static dev.neurite.runtime.cpu.SplitPolicy.MAX_STINT_WINDOWS;
import static dev.neurite.runtime.cpu.SplitPolicy.PROBE_WINDOWS;
import static dev.neurite.runtime.cpu.SplitPolicy.TRIAL_PAUSE_WINDOWS;
import static dev.neurite.runtime.cpu.SplitPolicy.WINDOW_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitPolicyTest {

    private static final long US = 1_000;
    /** A split call that lost half its time waiting for a descheduled worker, and the same call run solo. */
    private static final long STALLED_SPLIT = 100 * US;
    private static final long SOLO = 60 * US;
    /** The same call split on a quiet machine. */
    private static final long QUIET_SPLIT = 40 * US;

    /**
     * Feeds one window of calls of {@code callNanos} each, asserting that all of them were run the way
     * {@code split} says; split calls waited {@code waitNanos} of that.
     */
    private static void window(SplitPolicy policy, boolean split, long callNanos, long waitNanos) {
        for (long spent = 0; spent < WINDOW_NANOS; spent += callNanos) {
            assertEquals(split, policy.split(), split ? "expected a split call" : "expected a solo call");
            policy.finished(callNanos, split ? waitNanos : 0);
        }
    }

    /**
     * Runs {@code windows} solo windows, then the probe: a split window that is slow whatever the machine (the
     * worker wakes up, its caches are cold), then one that takes {@code probeNanos} per call.
     */
    private static void soloStintThenProbe(SplitPolicy policy, int windows, long probeNanos, long probeWait) {
        for (int w = 0; w < windows; w++) {
            window(policy, false, SOLO, 0);
        }
        assertEquals(2, PROBE_WINDOWS);
        window(policy, true, 5 * STALLED_SPLIT, STALLED_SPLIT);
        window(policy, true, probeNanos, probeWait);
    }

    private static void soloStintThenSlowerProbe(SplitPolicy policy, int windows) {
        soloStintThenProbe(policy, windows, STALLED_SPLIT, STALLED_SPLIT / 2);
    }

    @Test
    void callsStaySplitWhileTheCallerWaitsLessThanAThirdOfTheTime() {
        SplitPolicy policy = new SplitPolicy();
        for (int w = 0; w < 50; w++) {
            window(policy, true, QUIET_SPLIT, QUIET_SPLIT / 4);
        }
        assertTrue(policy.split());
    }

    @Test
    void aWindowOfLongWaitsSendsTheNextOneSolo() {
        SplitPolicy policy = new SplitPolicy();
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        assertFalse(policy.split());
    }

    @Test
    void whileSoloIsFasterEachStintIsTwiceAsLongUpToOneSecond() {
        SplitPolicy policy = new SplitPolicy();
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        int stint = 1;
        for (int round = 0; round < 8; round++) {
            soloStintThenSlowerProbe(policy, stint);
            stint = Math.min(2 * stint, MAX_STINT_WINDOWS);
        }
        assertFalse(policy.split());
    }

    @Test
    void whenTheProbeIsFasterCallsStaySplitAndSoloWaitsBeforeItIsTriedAgain() {
        SplitPolicy policy = new SplitPolicy();
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        soloStintThenSlowerProbe(policy, 1);
        // The other process has gone: the probe is faster than solo.
        soloStintThenProbe(policy, 2, QUIET_SPLIT, 0);
        // Long waits again (the JIT's threads, say): solo is not tried during the pause.
        for (int w = 0; w < TRIAL_PAUSE_WINDOWS; w++) {
            window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        }
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        // Tried again, from a one-window stint.
        soloStintThenSlowerProbe(policy, 1);
        assertFalse(policy.split());
        window(policy, false, SOLO, 0);
        window(policy, false, SOLO, 0);
        assertTrue(policy.split());
    }

    @Test
    void soloSlowerThanSplitDespiteLongWaitsGoesBackToSplit() {
        SplitPolicy policy = new SplitPolicy();
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        window(policy, false, 2 * STALLED_SPLIT, 0);
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        window(policy, true, STALLED_SPLIT, STALLED_SPLIT / 2);
        assertTrue(policy.split());
    }
}
