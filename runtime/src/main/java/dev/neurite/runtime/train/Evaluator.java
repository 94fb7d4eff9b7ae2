package dev.neurite.runtime.train;

import dev.neurite.runtime.data.DataLoader;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.model.Model;
import dev.neurite.runtime.model.ModelInfo;
import dev.neurite.runtime.model.Predictions;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures a model on a data set in eval mode (no dropout, no updates), batch by batch through
 * {@link Model#evaluate}.
 *
 * <p>Outputs become classes as {@link Predictions#predictedClass} says (arg-max; a single binary-cross-entropy
 * logit is class 1 above 0, a single MSE output above 0.5). An MSE model counts as a classifier only with one
 * output on a two-class set (the perceptron of the course); any other MSE model is a regression and gets no
 * accuracy.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Loss, accuracy and confusion matrix of {@code model} on {@code data}, in batches of {@code batchSize}. */
    public static Metrics evaluate(Model model, Dataset data, int batchSize) {
        requireCompatible(model.info(), data);
        int outputs = model.info().outputSize();
        int classes = classes(model.info(), data);
        DataLoader loader = new DataLoader(data, Math.min(batchSize, model.maxBatch()), false, 0);
        float[] logits = new float[Math.min(batchSize, model.maxBatch()) * outputs];
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        for (int n; (n = loader.nextBatch()) > 0; ) {
            lossSum += model.evaluate(loader.inputs(), loader.targets(), n, logits) * n;
            if (classes > 0) {
                for (int b = 0; b < n; b++) {
                    int actual = (int) loader.targets()[b];
                    int predicted = Predictions.predictedClass(logits, b * outputs, outputs, model.info().loss());
                    confusion[actual][predicted]++;
                    if (actual == predicted) {
                        correct++;
                    }
                }
            }
            seen += n;
        }
        double accuracy = classes > 0 && seen > 0 ? (double) correct / seen : Double.NaN;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(c < data.classes() ? data.className(c) : Integer.toString(c));
        }
        return new Metrics(seen, seen > 0 ? lossSum / seen : Double.NaN, accuracy, confusion, names);
    }

    /**
     * Checks that {@code data} can feed {@code model}: features per sample equal the model's input size, targets
     * per sample its target size, and class indices fit its outputs.
     *
     * @throws TrainingException naming both sides when they do not fit
     */
    public static void requireCompatible(ModelInfo model, Dataset data) {
        if (data.featureSize() != model.inputSize()) {
            throw new TrainingException(data.name() + " has " + data.featureSize() + " features per sample but model "
                    + model.name() + " expects input " + model.inputShape() + " (" + model.inputSize() + " values)");
        }
        if (data.targetSize() != model.targetSize()) {
            throw new TrainingException(data.name() + " has " + data.targetSize() + " target values per sample but "
                    + "model " + model.name() + " with loss " + lossName(model.loss()) + " and " + model.outputSize()
                    + " outputs expects " + model.targetSize());
        }
        if (model.loss() == LossKind.CROSS_ENTROPY && data.classes() > model.outputSize()) {
            throw new TrainingException(data.name() + " has " + data.classes() + " classes but model "
                    + model.name() + " has only " + model.outputSize() + " outputs; its last dense layer needs "
                    + data.classes() + " units");
        }
        if (model.loss() == LossKind.BINARY_CROSS_ENTROPY && data.classes() > 2) {
            throw new TrainingException(data.name() + " has " + data.classes() + " classes but model "
                    + model.name() + " uses binary_cross_entropy; use cross_entropy with " + data.classes()
                    + " outputs");
        }
    }

    /** Number of classes predictions fall into, 0 when the model is a regression. */
    private static int classes(ModelInfo model, Dataset data) {
        return switch (model.loss()) {
            case CROSS_ENTROPY -> model.outputSize();
            case BINARY_CROSS_ENTROPY -> 2;
            case MSE -> data.classes() == 2 && model.outputSize() == 1 ? 2 : 0;
        };
    }

    private static String lossName(LossKind loss) {
        return loss.name().toLowerCase(java.util.Locale.ROOT);
    }
}
