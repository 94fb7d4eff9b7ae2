package dev.neurite.cli;

import dev.neurite.cli.plot.SampleGrid;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.train.TrainSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A picture of the first test images with their true and predicted labels. */
final class Samples {

    private static final int COUNT = 16;
    private static final int SIDE = 28;

    private Samples() {
    }

    /** Writes a 4×4 grid of the first test samples of a 28×28 image set. */
    static void writeGrid(Path file, AbstractModel model, Dataset test, TrainSpec training) throws IOException {
        int count = Math.min(COUNT, test.count());
        int size = test.featureSize();
        float[] inputs = test.features(0, count);
        int[] predicted = model.predict(inputs, count);
        List<SampleGrid.Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = Arrays.copyOfRange(inputs, i * size, (i + 1) * size);
            if (training.normalizes()) {
                // Show the image as it was before normalize(mean, std).
                for (int p = 0; p < size; p++) {
                    pixels[p] = (float) (pixels[p] * training.normalizeStd() + training.normalizeMean());
                }
            }
            int truth = (int) test.targets()[i * test.targetSize()];
            samples.add(new SampleGrid.Sample(pixels, SIDE, SIDE, test.className(truth),
                    test.className(predicted[i])));
        }
        SampleGrid.write(file, samples, 4);
    }
}
