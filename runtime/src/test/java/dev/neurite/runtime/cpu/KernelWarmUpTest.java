package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    @Test
    void warmUpStepsTrainTheSmallNetwork() {
        // The warm-up is only useful if it runs the real kernels of a training step: then Adam lowers the loss.
        int[] extraRuns = {0};
        // Steps 1-100 run on two threads, 101-130 on one (a new network).
        double[] losses = new KernelWarmUp(130, 2, () -> extraRuns[0]++).run();
        assertEquals(130, extraRuns[0], "the extra work runs once per step");
        assertTrue(Double.isFinite(losses[0]) && losses[0] > 0, "first loss " + losses[0]);
        assertTrue(losses[29] < losses[0] - 0.01, "loss went from " + losses[0] + " to " + losses[29]);
        assertTrue(losses[129] < losses[100] - 0.01, "one thread: from " + losses[100] + " to " + losses[129]);
    }

    @Test
    void closeStopsTheBackgroundThreadAndCanBeRepeated() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            KernelWarmUp warmUp = KernelWarmUp.start(2, () -> { });
            warmUp.close();
            warmUp.close();
        });
    }
}
