package dev.neurite.runtime.cpu;

import static dev.neurite.runtime.cpu.StallBackOff.CALM_WINDOWS;
import static dev.neurite.runtime.cpu.StallBackOff.FIRST_SOLO_NANOS;
import static dev.neurite.runtime.cpu.StallBackOff.MAX_SOLO_NANOS;
import static dev.neurite.runtime.cpu.StallBackOff.WINDOW_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StallBackOffTest {

    /** A start time near the end of {@code long}'s range: {@link System#nanoTime} values may wrap around. */
    private static final long T0 = Long.MAX_VALUE - 500_000_000L;
    private static final long US = 1_000;
    private static final long MS = 1_000_000;

    /**
     * Runs split calls of {@code own + wait} nanoseconds from {@code start} until a window is complete, asserting
     * that each of them was split, and returns when the last one ended.
     */
    private static long window(StallBackOff backOff, long start, long own, long wait) {
        long now = start;
        for (long spent = 0; spent < WINDOW_NANOS; spent += own + wait) {
            assertTrue(backOff.split(now));
            backOff.finished(now, own, wait);
            now += own + wait;
        }
        return now;
    }

    /** How long calls run solo from {@code end} on, to the nanosecond (0: they split at once). */
    private static long soloTime(StallBackOff backOff, long end) {
        long splitsNot = -1;
        long splits = MAX_SOLO_NANOS;
        assertTrue(backOff.split(end + splits));
        while (splits - splitsNot > 1) {
            long mid = (splitsNot + splits) / 2;
            if (backOff.split(end + mid)) {
                splits = mid;
            } else {
                splitsNot = mid;
            }
        }
        return splits;
    }

    @Test
    void callsSplitWhileTheCallerWaitsLessThanAThirdOfTheTime() {
        StallBackOff backOff = new StallBackOff();
        long now = T0;
        for (int w = 0; w < 20; w++) {
            now = window(backOff, now, 70 * US, 30 * US);
        }
        assertEquals(0, soloTime(backOff, now));
    }

    @Test
    void oneLongWaitInAnOtherwiseQuietWindowIsNotWorthGoingSolo() {
        StallBackOff backOff = new StallBackOff();
        backOff.finished(T0, 50 * US, 4 * MS);
        long end = window(backOff, T0 + 4050 * US, 100 * US, 0);
        assertEquals(0, soloTime(backOff, end));
    }

    @Test
    void waitingMoreThanAThirdOfAWindowMakesTheNextCallsRunSolo() {
        StallBackOff backOff = new StallBackOff();
        long end = window(backOff, T0, 60 * US, 40 * US);
        assertEquals(FIRST_SOLO_NANOS, soloTime(backOff, end));
    }

    @Test
    void windowsThatStallOneAfterAnotherDoubleTheSoloTimeUpToOneSecond() {
        StallBackOff backOff = new StallBackOff();
        long now = T0;
        long expected = FIRST_SOLO_NANOS;
        for (int w = 0; w < 10; w++) {
            long end = window(backOff, now, 50 * US, 3 * MS);
            assertEquals(expected, soloTime(backOff, end), "window " + w);
            now = end + expected;
            expected = Math.min(2 * expected, MAX_SOLO_NANOS);
        }
    }

    @Test
    void oneQuietWindowAfterASoloPeriodDoesNotStartOver() {
        StallBackOff backOff = new StallBackOff();
        long end = window(backOff, T0, 50 * US, 3 * MS);
        end = window(backOff, end + FIRST_SOLO_NANOS, 100 * US, 0);
        end = window(backOff, end, 50 * US, 3 * MS);
        assertEquals(2 * FIRST_SOLO_NANOS, soloTime(backOff, end));
    }

    @Test
    void calmWindowsInARowStartOverAtTheFirstSoloTime() {
        StallBackOff backOff = new StallBackOff();
        long end = window(backOff, T0, 50 * US, 3 * MS);
        end = window(backOff, end + FIRST_SOLO_NANOS, 50 * US, 3 * MS);
        assertEquals(2 * FIRST_SOLO_NANOS, soloTime(backOff, end));
        end += 2 * FIRST_SOLO_NANOS;
        for (int w = 0; w < CALM_WINDOWS; w++) {
            end = window(backOff, end, 100 * US, 0);
        }
        end = window(backOff, end, 50 * US, 3 * MS);
        assertEquals(FIRST_SOLO_NANOS, soloTime(backOff, end));
    }
}
