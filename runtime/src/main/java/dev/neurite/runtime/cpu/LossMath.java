package dev.neurite.runtime.cpu;

/** Scalar pieces of the losses, shared by {@link CpuBackend} and {@link DoubleCpuBackend}. */
final class LossMath {

    private LossMath() {
    }

    /** {@code log(sum_j exp(z[from + j]))} over {@code count} logits, with the maximum subtracted first. */
    static double logSumExp(double[] z, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            max = Math.max(max, z[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            sum += Math.exp(z[from + j] - max);
        }
        return max + Math.log(sum);
    }

    /** A class-index target as an int, failing clearly when it is not a whole number in {@code [0, classes)}. */
    static int classIndex(double target, int sample, int classes) {
        int label = (int) target;
        if (label != target || label < 0 || label >= classes) {
            throw new IllegalArgumentException("target of sample " + sample + " is " + target
                    + ", but cross-entropy needs a class index 0.." + (classes - 1));
        }
        return label;
    }

    /**
     * {@code -(t log sigmoid(z) + (1 - t) log(1 - sigmoid(z)))} in PyTorch's stable form
     * {@code max(z, 0) - z t + log(1 + exp(-|z|))}.
     */
    static double binaryCrossEntropyWithLogits(double z, double t) {
        return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
