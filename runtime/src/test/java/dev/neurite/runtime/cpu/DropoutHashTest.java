package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.DropoutHash;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented dropout draw, which other backends (OpenCL) must reproduce bit for bit. */
class DropoutHashTest {

    @Test
    void drawsMatchTheDocumentedFormula() {
        // Computed independently from the formula in DropoutHash's javadoc with Python's unbounded integers.
        assertArrayEquals(new int[] {12441394, 2682851, 4674151, 5774561},
                new int[] {DropoutHash.draw(42, 0), DropoutHash.draw(42, 1), DropoutHash.draw(42, 2),
                        DropoutHash.draw(42, 3)});
        assertEquals(6402906, DropoutHash.draw(-7, 1000));
    }

    @Test
    void keepsAboutOneMinusPOfTheElements() {
        int n = 200_000;
        for (double p : new double[] {0.1, 0.5, 0.8}) {
            int threshold = DropoutHash.threshold(p);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                kept += DropoutHash.keep(3, i, threshold) ? 1 : 0;
            }
            // Binomial standard deviation is below 0.0012 here; allow five of them.
            assertEquals(1 - p, kept / (double) n, 0.006, "kept fraction for p = " + p);
        }
    }

    @Test
    void zeroProbabilityKeepsEverythingAndInvalidProbabilitiesFail() {
        assertEquals(0, DropoutHash.threshold(0));
        for (int i = 0; i < 1000; i++) {
            assertTrue(DropoutHash.keep(11, i, 0));
        }
        assertThrows(IllegalArgumentException.class, () -> DropoutHash.threshold(1));
        assertThrows(IllegalArgumentException.class, () -> DropoutHash.threshold(-0.1));
        assertThrows(IllegalArgumentException.class, () -> DropoutHash.threshold(Double.NaN));
    }
}
