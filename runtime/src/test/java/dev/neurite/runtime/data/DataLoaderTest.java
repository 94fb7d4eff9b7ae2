package dev.neurite.runtime.data;

import dev.neurite.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DataLoaderTest {

    /** The target of every sample of an epoch, in the order the loader yields them, and the batch sizes. */
    private static List<Float> epoch(DataLoader loader, int epoch, List<Integer> sizes) {
        List<Float> seen = new ArrayList<>();
        loader.startEpoch(epoch);
        for (int n; (n = loader.nextBatch()) > 0; ) {
            sizes.add(n);
            for (int b = 0; b < n; b++) {
                float target = loader.targets()[b];
                assertEquals(target, loader.inputs()[2 * b], "features travel with their target");
                seen.add(target);
            }
        }
        return seen;
    }

    @Test
    void decodingOnTheBackendsThreadsGivesTheSameBatches() {
        // 300 images of 784 pixels: batches of 64 are split over the threads, the last one (44) too.
        byte[] pixels = new byte[300 * 784];
        float[] targets = new float[300];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + i / 784);
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i % 10;
        }
        Dataset images = Dataset.ofPixels("images", pixels, 784, targets, 10, List.of()).normalize(0.2860, 0.3530);
        for (int threads = 2; threads <= 3; threads++) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                DataLoader alone = new DataLoader(images, 64, true, 7);
                DataLoader split = new DataLoader(images, 64, true, 7, backend);
                for (int epoch = 1; epoch <= 2; epoch++) {
                    alone.startEpoch(epoch);
                    split.startEpoch(epoch);
                    for (int n; (n = alone.nextBatch()) > 0; ) {
                        assertEquals(n, split.nextBatch());
                        assertArrayEquals(alone.inputs(), split.inputs(), "inputs, " + threads + " threads");
                        assertArrayEquals(alone.targets(), split.targets(), "targets, " + threads + " threads");
                    }
                    assertEquals(0, split.nextBatch());
                }
            }
        }
    }

    @Test
    void keepsTheLastPartialBatchAndVisitsEverySampleOnce() {
        DataLoader loader = new DataLoader(DatasetTest.numbered(10), 4, true, 1);
        List<Integer> sizes = new ArrayList<>();

        List<Float> order = epoch(loader, 1, sizes);

        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, loader.batchesPerEpoch());
        List<Float> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(epoch(new DataLoader(DatasetTest.numbered(10), 4, false, 1), 1, new ArrayList<>()), sorted);
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        DataLoader a = new DataLoader(DatasetTest.numbered(50), 8, true, 42);
        DataLoader b = new DataLoader(DatasetTest.numbered(50), 8, true, 42);

        List<Float> aEpoch3 = epoch(a, 3, new ArrayList<>());
        epoch(b, 1, new ArrayList<>());
        epoch(b, 2, new ArrayList<>());

        assertEquals(aEpoch3, epoch(b, 3, new ArrayList<>()), "resuming at epoch 3 reproduces its order");
        assertNotEquals(aEpoch3, epoch(a, 4, new ArrayList<>()));
        assertNotEquals(aEpoch3, epoch(new DataLoader(DatasetTest.numbered(50), 8, true, 43), 3,
                new ArrayList<>()));
    }

    @Test
    void withoutShuffleKeepsTheDatasetOrderAndReusesItsArrays() {
        DataLoader loader = new DataLoader(DatasetTest.numbered(5), 2, false, 0);
        float[] inputs = loader.inputs();

        List<Float> order = epoch(loader, 7, new ArrayList<>());

        assertEquals(Arrays.asList(0f, 1f, 2f, 3f, 4f), order);
        assertSame(inputs, loader.inputs());
    }
}
