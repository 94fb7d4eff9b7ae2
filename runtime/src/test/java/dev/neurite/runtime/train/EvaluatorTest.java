package dev.neurite.runtime.train;

import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.loss.LossKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Uses identity models, whose outputs are the inputs, so every prediction is chosen by the test. */
class EvaluatorTest {

    @Test
    void classificationAccuracyPerClassAccuracyAndConfusionMatrix() {
        // Outputs (logits) per sample and the true class; arg-max predictions are 0, 1, 2, 1, 0.
        float[] logits = {5, 1, 0, 0, 3, 1, 0, 0, 2, 1, 2, 0, 4, 0, 0};
        float[] classes = {0, 1, 2, 2, 1};
        Dataset data = new Dataset("d", logits, 3, classes, 1, 3, List.of("a", "b", "c"));
        FakeModel model = new FakeModel("Id", 3, 3, LossKind.CROSS_ENTROPY, 0, 2, 0).identity();

        Metrics metrics = Evaluator.evaluate(model, data, 2);

        assertEquals(5, metrics.count());
        assertEquals(0.6, metrics.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{1, 0, 0}, {1, 1, 0}, {0, 1, 1}}, metrics.confusion());
        assertArrayEquals(new double[] {1, 0.5, 0.5}, metrics.perClassAccuracy(), 1e-12);
        assertEquals(List.of("a", "b", "c"), metrics.classNames());
        double expectedLoss = 0;
        for (int s = 0; s < 5; s++) {
            double sum = 0;
            for (int o = 0; o < 3; o++) {
                sum += Math.exp(logits[3 * s + o]);
            }
            expectedLoss += Math.log(sum) - logits[3 * s + (int) classes[s]];
        }
        assertEquals(expectedLoss / 5, metrics.loss(), 1e-6, "mean over samples across a partial last batch");
    }

    @Test
    void binaryCrossEntropyThresholdsTheLogitAtZero() {
        Dataset data = new Dataset("b", new float[] {-0.5f, 0.5f, 2, -3}, 1, new float[] {0, 0, 1, 1}, 1, 2,
                List.of());
        FakeModel model = new FakeModel("Id", 1, 1, LossKind.BINARY_CROSS_ENTROPY, 0, 4, 0).identity();

        Metrics metrics = Evaluator.evaluate(model, data, 4);

        assertEquals(0.5, metrics.accuracy());
        assertArrayEquals(new int[][] {{1, 1}, {1, 1}}, metrics.confusion());
    }

    @Test
    void regressionHasLossButNoAccuracy() {
        Dataset data = new Dataset("r", new float[] {1, 2}, 1, new float[] {1, 4}, 1, 0, List.of());
        FakeModel model = new FakeModel("Id", 1, 1, LossKind.MSE, 0, 4, 0).identity();

        Metrics metrics = Evaluator.evaluate(model, data, 4);

        assertFalse(metrics.hasAccuracy());
        assertEquals(0, metrics.classes());
        assertEquals(2.0, metrics.loss(), 1e-6);
    }

    @Test
    void tooManyClassesForTheOutputsIsAClearError() {
        Dataset data = new Dataset("ten", new float[3], 3, new float[] {9}, 1, 10, List.of());
        FakeModel model = new FakeModel("Small", 3, 3, LossKind.CROSS_ENTROPY, 0, 4, 0);

        TrainingException e = assertThrows(TrainingException.class, () -> Evaluator.evaluate(model, data, 4));

        assertEquals("ten has 10 classes but model Small has only 3 outputs; its last dense layer needs 10 units",
                e.getMessage());
    }
}
