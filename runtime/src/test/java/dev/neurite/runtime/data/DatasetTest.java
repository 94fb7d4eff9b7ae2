package dev.neurite.runtime.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetTest {

    /** Sample i has features (i, -i) and target i. */
    static Dataset numbered(int count) {
        float[] x = new float[2 * count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i;
        }
        return new Dataset("numbered", x, 2, y, 1, count, List.of());
    }

    @Test
    void firstKeepsTheLeadingSamples() {
        Dataset first = numbered(10).first(3);

        assertEquals(3, first.count());
        assertArrayEquals(new float[] {0, 1, 2}, first.targets());
        assertEquals(10, numbered(10).first(50).count());
    }

    @Test
    void splitPartitionsTheSamplesDeterministically() {
        Splits splits = numbered(100).split(0.2, 42);

        assertEquals(80, splits.train().count());
        assertEquals(20, splits.test().count());
        Set<Float> seen = new HashSet<>();
        for (Dataset part : List.of(splits.train(), splits.test())) {
            for (int i = 0; i < part.count(); i++) {
                assertEquals(part.targets()[i], part.features()[2 * i]);
                assertEquals(part.targets()[i], 0f - part.features()[2 * i + 1]);
                seen.add(part.targets()[i]);
            }
        }
        assertEquals(100, seen.size());
        assertArrayEquals(splits.test().targets(), numbered(100).split(0.2, 42).test().targets());
    }

    @Test
    void splitRejectsFractionsOutsideZeroOne() {
        assertThrows(DataException.class, () -> numbered(10).split(1.0, 1));
    }

    @Test
    void normalizeSubtractsMeanAndDividesByStd() {
        Dataset normalized = numbered(2).normalize(1, 2);

        assertArrayEquals(new float[] {-0.5f, -0.5f, 0, -1}, normalized.features());
    }

    @Test
    void aSetOfPixelsGivesTheSameFeaturesAsItsFloatsInBatchesAfterNormalizeAndSplit() {
        int samples = 37;
        int size = 5;
        byte[] pixels = new byte[samples * size];
        float[] floats = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
            floats[i] = (pixels[i] & 0xff) / 255f;
        }
        float[] targets = new float[samples];
        for (int i = 0; i < samples; i++) {
            targets[i] = i % 3;
        }
        Dataset bytes = Dataset.ofPixels("p", pixels, size, targets, 3, List.of());
        Dataset reference = new Dataset("f", floats, size, targets.clone(), 1, 3, List.of());
        assertArrayEquals(reference.features(), bytes.features());
        Splits fromBytes = new Splits(bytes, bytes).normalize(0.2860, 0.3530);
        Splits fromFloats = new Splits(reference, reference).normalize(0.2860, 0.3530);
        Dataset a = fromBytes.train().split(0.25, 7).train();
        Dataset b = fromFloats.train().split(0.25, 7).train();
        assertEquals(b.count(), a.count());
        DataLoader loaderA = new DataLoader(a, 8, true, 3);
        DataLoader loaderB = new DataLoader(b, 8, true, 3);
        loaderA.startEpoch(1);
        loaderB.startEpoch(1);
        for (int n = loaderB.nextBatch(); n > 0; n = loaderB.nextBatch()) {
            assertEquals(n, loaderA.nextBatch());
            assertArrayEquals(loaderB.inputs(), loaderA.inputs());
            assertArrayEquals(loaderB.targets(), loaderA.targets());
        }
        assertArrayEquals(b.features(), a.features());
    }

    @Test
    void aRangeOfSamplesHasTheSameFeaturesAsTheSameSamplesOfTheWholeSet() {
        byte[] pixels = new byte[4 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (40 * i);
        }
        Dataset set = Dataset.ofPixels("p", pixels, 3, new float[] {0, 1, 2, 0}, 3, List.of()).normalize(0.5, 0.25);
        float[] middle = set.features(1, 2);
        assertArrayEquals(Arrays.copyOfRange(set.features(), 3, 9), middle);
        assertArrayEquals(new float[0], set.features(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> set.features(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> set.features(-1, 1));
    }
}
