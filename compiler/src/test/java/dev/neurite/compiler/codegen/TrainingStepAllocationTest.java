package dev.neurite.compiler.codegen;

import com.sun.management.ThreadMXBean;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.model.AbstractModel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A training step of a generated model allocates nothing on the heap: every buffer is planned up front. */
class TrainingStepAllocationTest {

    @Test
    void hundredTrainingStepsAfterWarmUpAllocateZeroBytes() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Backend backend = new CpuBackend(2)) {
            AbstractModel model = Examples.compile("spiral.nn").get("Spiral").create(backend, 32, 3);
            SplittableRandom random = new SplittableRandom(5);
            float[] input = new float[32 * model.info().inputSize()];
            float[] targets = new float[32];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextDouble(-1, 1);
            }
            for (int i = 0; i < targets.length; i++) {
                targets[i] = random.nextInt(model.info().outputSize());
            }
            // Warm up until the JIT has compiled the kernels (the Vector API boxes vectors until C2 runs).
            for (int step = 0; step < 30_000; step++) {
                model.trainStep(input, targets, 32);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int step = 0; step < 100; step++) {
                model.trainStep(input, targets, 32);
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertEquals(0, allocated, "bytes allocated by 100 training steps");
        }
    }
}
