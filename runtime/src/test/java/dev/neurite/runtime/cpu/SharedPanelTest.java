package dev.neurite.runtime.cpu;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedPanelTest {

    @Test
    void eachSliverIsClaimedOnceAndIsPackedOncePublished() {
        SharedPanel panel = new SharedPanel();
        panel.reset(7, 3, 300);
        assertTrue(panel.isFor(7));
        assertFalse(panel.isFor(8));
        assertTrue(panel.floats().length >= 300);
        assertTrue(panel.claim(1));
        assertFalse(panel.claim(1), "a claimed sliver is not claimed again");
        panel.published(1);
        assertTrue(panel.packed(1));
        assertFalse(panel.claim(1), "a packed sliver is not claimed again");
        assertTrue(panel.claim(0), "the other slivers are still free");
    }

    @Test
    void aSliverNobodyPublishesIsNotReportedPackedButTheWaitEnds() {
        // The packing thread may have been descheduled: the waiting one gives up and packs its own copy.
        SharedPanel panel = new SharedPanel();
        panel.reset(1, 2, 10);
        assertTrue(panel.claim(0));
        assertFalse(panel.packed(0));
    }

    @Test
    void resetStartsTheNextProductWithEverySliverFree() {
        SharedPanel panel = new SharedPanel();
        panel.reset(1, 4, 10);
        for (int s = 0; s < 4; s++) {
            assertTrue(panel.claim(s));
            panel.published(s);
        }
        panel.reset(2, 4, 10);
        assertTrue(panel.isFor(2));
        for (int s = 0; s < 4; s++) {
            assertTrue(panel.claim(s), "sliver " + s);
        }
        panel.reset(3, 9, 10);
        assertTrue(panel.claim(8), "a panel grows to more slivers");
    }

    @Test
    void threadsRacingForASliverClaimItExactlyOnceAndSeeWhatItsPackerWrote() throws InterruptedException {
        SharedPanel panel = new SharedPanel();
        int threads = 4;
        for (int round = 0; round < 200; round++) {
            panel.reset(round, 1, 1);
            AtomicInteger claims = new AtomicInteger();
            AtomicInteger seen = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] racers = new Thread[threads];
            float value = round + 0.5f;
            for (int t = 0; t < threads; t++) {
                racers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (panel.claim(0)) {
                        claims.incrementAndGet();
                        panel.floats()[0] = value;
                        panel.published(0);
                    }
                    while (!panel.packed(0)) {
                        Thread.onSpinWait();
                    }
                    if (panel.floats()[0] == value) {
                        seen.incrementAndGet();
                    }
                });
                racers[t].start();
            }
            start.countDown();
            for (Thread racer : racers) {
                racer.join();
            }
            assertEquals(1, claims.get(), "round " + round);
            assertEquals(threads, seen.get(), "round " + round);
        }
    }
}
