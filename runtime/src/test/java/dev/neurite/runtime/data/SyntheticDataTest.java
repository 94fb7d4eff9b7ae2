package dev.neurite.runtime.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticDataTest {

    @Test
    void spiralFollowsTheCourseFormulas() {
        Dataset set = SyntheticData.spiral(100, 3, 0);

        assertEquals(300, set.count());
        assertEquals(2, set.featureSize());
        assertEquals(3, set.classes());
        assertEquals(2f, set.targets()[299]);
        // r = linspace(0, 1): the first point of each arm is the origin, the last lies on the unit circle.
        float[] x = set.features();
        assertEquals(0f, x[0]);
        assertEquals(0f, x[1]);
        assertEquals(1.0, Math.hypot(x[2 * 99], x[2 * 99 + 1]), 1e-6);
        // r of point i is i / 99, whatever the angle noise.
        assertEquals(50 / 99.0, Math.hypot(x[2 * 150], x[2 * 150 + 1]), 1e-6);
    }

    @Test
    void sameSeedSameData_otherSeedOtherData() {
        assertArrayEquals(SyntheticData.spiral(20, 2, 7).features(), SyntheticData.spiral(20, 2, 7).features());
        assertFalse(java.util.Arrays.equals(SyntheticData.spiral(20, 2, 7).features(),
                SyntheticData.spiral(20, 2, 8).features()));
    }

    @Test
    void verticalClustersAreCentredAtClassThirds() {
        Dataset set = SyntheticData.vertical(2000, 3, 1);

        for (int k = 0; k < 3; k++) {
            double sumX = 0;
            double sumY = 0;
            for (int i = k * 2000; i < (k + 1) * 2000; i++) {
                sumX += set.features()[2 * i];
                sumY += set.features()[2 * i + 1];
                assertEquals(k, set.targets()[i]);
            }
            assertEquals(k / 3.0, sumX / 2000, 0.01);
            assertEquals(0.5, sumY / 2000, 0.01);
        }
    }

    @Test
    void xorHasTheFourPoints() {
        Dataset set = SyntheticData.xor();

        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, set.features());
        assertArrayEquals(new float[] {0, 1, 1, 0}, set.targets());
        assertEquals(2, set.classes());
    }

    @Test
    void linearLiesOnTheLineWithoutNoise() {
        Dataset set = SyntheticData.linear(50, 2, 0, 3);

        assertEquals(0, set.classes());
        for (int i = 0; i < 50; i++) {
            float x = set.features()[i];
            assertTrue(x >= -10 && x < 10);
            assertEquals(2 * x, set.targets()[i], 1e-5);
        }
    }
}
