package dev.neurite.runtime.train;

import java.util.List;

/**
 * A model's quality on a data set.
 *
 * @param count      samples evaluated
 * @param loss       mean loss over the samples
 * @param accuracy   fraction classified correctly, NaN for regression
 * @param confusion  {@code confusion[actual][predicted]} sample counts, or an empty array for regression
 * @param classNames a name per class (the data set's, else the indices as text), empty for regression
 */
public record Metrics(int count, double loss, double accuracy, int[][] confusion, List<String> classNames) {

    public boolean hasAccuracy() {
        return !Double.isNaN(accuracy);
    }

    public int classes() {
        return confusion.length;
    }

    /** For each class, the fraction of its samples predicted correctly (NaN for a class without samples). */
    public double[] perClassAccuracy() {
        double[] result = new double[confusion.length];
        for (int actual = 0; actual < confusion.length; actual++) {
            long total = 0;
            for (int count : confusion[actual]) {
                total += count;
            }
            result[actual] = total == 0 ? Double.NaN : (double) confusion[actual][actual] / total;
        }
        return result;
    }
}
