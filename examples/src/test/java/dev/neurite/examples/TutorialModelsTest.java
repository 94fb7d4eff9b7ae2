package dev.neurite.examples;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.data.SyntheticData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trains the classes the plugin generated from {@code src/main/nn} on the tutorials' data, with the batch sizes
 * of their {@code train} blocks, and checks that each learns what its tutorial says it learns. Every set has a
 * few hundred points at most, so each test takes well under a second.
 */
class TutorialModelsTest {

    private Backend backend;

    @BeforeEach
    void openBackend() {
        backend = new CpuBackend(1);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void spiralReachesNinetyPercentTrainingAccuracy() {
        Dataset data = SyntheticData.spiral(100, 3, 42);
        try (Spiral model = new Spiral(backend, data.count(), 42L)) {
            double accuracy = 0;
            // spiral.nn trains for 1000 full-batch epochs; stop as soon as the goal is reached.
            for (int epoch = 1; epoch <= 1000 && accuracy < 0.9; epoch++) {
                model.trainStep(data.features(), data.targets(), data.count());
                if (epoch % 50 == 0) {
                    accuracy = TutorialData.accuracy(model.predict(data.features(), data.count()), data.targets());
                }
            }
            assertTrue(accuracy >= 0.9, "spiral training accuracy " + accuracy);
        }
    }

    @Test
    void xorWithAHiddenLayerGetsAllFourPointsRight() {
        Dataset data = SyntheticData.xor();
        try (Xor model = new Xor(backend, 4, 42L)) {
            for (int epoch = 0; epoch < 2000; epoch++) {
                model.trainStep(data.features(), data.targets(), 4);
            }
            assertArrayEquals(new int[] {0, 1, 1, 0}, model.predict(data.features(), 4));
        }
    }

    @Test
    void linearRegressionPredictsTenForFive() {
        Dataset data = SyntheticData.linear(100, 2, 0, 42);
        int batch = 10;
        try (LinearRegression model = new LinearRegression(backend, batch, 42L)) {
            for (int epoch = 0; epoch < 200; epoch++) {
                for (int start = 0; start < data.count(); start += batch) {
                    model.trainStep(Arrays.copyOfRange(data.features(), start, start + batch),
                            Arrays.copyOfRange(data.targets(), start, start + batch), batch);
                }
            }
            float[] prediction = new float[1];
            model.forward(new float[] {5}, 1, prediction);
            assertEquals(10, prediction[0], 0.1, "f(5)");
        }
    }

    @Test
    void perceptronSeparatesALinearlySeparableSet() {
        Dataset data = TutorialData.twoClusters(50, 42);
        try (Perceptron model = new Perceptron(backend, 1, 42L)) {
            for (int epoch = 0; epoch < 20; epoch++) {
                for (int i = 0; i < data.count(); i++) {
                    model.trainStep(point(data, i), new float[] {data.targets()[i]}, 1);
                }
            }
            int[] predicted = new int[data.count()];
            for (int i = 0; i < data.count(); i++) {
                predicted[i] = model.predict(point(data, i), 1)[0];
            }
            assertEquals(1.0, TutorialData.accuracy(predicted, data.targets()), "perceptron training accuracy");
        }
    }

    private static float[] point(Dataset data, int index) {
        return Arrays.copyOfRange(data.features(), 2 * index, 2 * index + 2);
    }
}
