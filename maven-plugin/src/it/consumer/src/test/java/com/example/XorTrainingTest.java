package com.example;

import com.example.models.Xor;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XorTrainingTest {

    @Test
    void theGeneratedModelLearnsXor() {
        float[] points = {0, 0, 0, 1, 1, 0, 1, 1};
        float[] labels = {0, 1, 1, 0};
        try (Backend backend = new CpuBackend(1); Xor model = new Xor(backend, 4, 42L)) {
            double first = model.trainStep(points, labels, 4);
            double last = first;
            for (int step = 0; step < 1000; step++) {
                last = model.trainStep(points, labels, 4);
            }
            assertTrue(last < first / 10, "loss went from " + first + " to " + last);
            assertArrayEquals(new int[] {0, 1, 1, 0}, model.predict(points, 4));
        }
    }
}
