package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;

/**
 * The memory-bound float kernels of {@link CpuBackend} that run on every training step: the dense layer's bias
 * and activation epilogue, the activation's backward, the bias gradient and the Adam update. Two
 * implementations compute the same float operations: {@link VectorElementKernels} with the Java Vector API and
 * {@link ScalarElementKernels} in plain loops for JVMs without the module.
 *
 * <p>Every element is computed by the same sequence of float operations wherever it lies in an array (a vector
 * body or its masked tail), so splitting a range between threads never changes a result.
 */
abstract class ElementKernels {

    /**
     * Magnitudes below this (the smallest normal float) are stored as zero in Adam's moment estimates. Subnormal
     * operands make some CPUs take a slow path and the JVM cannot set flush-to-zero; flushing them here is
     * harmless: a first moment below 1.2e-38 divided by a denominator of at least {@code eps} moves a parameter
     * by less than {@code lr * 1e-30}, and a second moment below it changes the denominator by less than 1e-19.
     */
    static final float SUBNORMAL_LIMIT = Float.MIN_NORMAL;

    /**
     * The fastest implementation this JVM supports: the vector one when the module
     * {@code jdk.incubator.vector} is in the boot layer, the scalar one otherwise (the vector class is then never
     * loaded).
     */
    static ElementKernels create() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorElementKernels();
        }
        return new ScalarElementKernels();
    }

    /** Whether {@link #biasActivation} and {@link #activationBackward} handle {@code act}. */
    static boolean supports(Activation act) {
        return act == Activation.IDENTITY || act == Activation.RELU || act == Activation.LEAKY_RELU;
    }

    /**
     * {@code y[r, j] = act(y[r, j] + bias[j])} in place for rows {@code [0, rows)} of a {@code [rows, cols]}
     * block at {@code yAt}; {@code bias} may be null. Only activations {@link #supports supported}.
     */
    abstract void biasActivation(float[] y, int yAt, float[] bias, int biasAt, int rows, int cols,
                                 Activation act, float alpha);

    /**
     * {@code dx[i] = dy[i] * act'(x[i])} for {@code i} in {@code [from, to)} (offsets are added to each array's
     * start); only activations {@link #supports supported}. {@code dx} may alias {@code dy}.
     */
    abstract void activationBackward(Activation act, float alpha, float[] x, int xAt, float[] dy, int dyAt,
                                     float[] dx, int dxAt, int from, int to);

    /**
     * {@code sums[j] = sum_r g[r, j]} over the rows of a {@code [rows, cols]} block whose rows are {@code ld}
     * apart, summed in row order.
     */
    abstract void columnSums(float[] g, int gAt, int ld, int rows, int cols, float[] sums, int sumsAt);

    /** Elements {@code [from, to)} of one Adam or AdamW step with the per-step scalars of {@code s}. */
    abstract void adam(float[] p, int pAt, float[] g, int gAt, float[] m, int mAt, float[] v, int vAt,
                       int from, int to, AdamScalars s);

    /** What runs, for logs. */
    abstract String description();

    /**
     * The float scalars of one Adam step, computed once per step in double (no {@code Math.pow} per element):
     * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2},
     * {@code p -= stepSize * m / (sqrt(v) * invBiasCorrection2Sqrt + eps)}.
     */
    static final class AdamScalars {
        float beta1;
        float oneMinusBeta1;
        float beta2;
        float oneMinusBeta2;
        float eps;
        float stepSize;
        float invBiasCorrection2Sqrt;
        /** Adam's L2 term {@code g += weightDecay * p}; zero for AdamW. */
        float l2;
        /** AdamW's factor {@code p *= decay} applied before the update; one for Adam. */
        float decay;

        void set(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
                 long step) {
            this.beta1 = (float) beta1;
            this.oneMinusBeta1 = (float) (1 - beta1);
            this.beta2 = (float) beta2;
            this.oneMinusBeta2 = (float) (1 - beta2);
            this.eps = (float) eps;
            this.stepSize = (float) (lr / (1 - Math.pow(beta1, step)));
            this.invBiasCorrection2Sqrt = (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));
            this.l2 = decoupled ? 0f : (float) weightDecay;
            this.decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        }
    }
}
