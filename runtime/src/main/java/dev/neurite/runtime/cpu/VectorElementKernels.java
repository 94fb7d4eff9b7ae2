package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementKernels} with the Java Vector API: whole vectors of the preferred species, and the few elements
 * left over by {@link ScalarElementKernels}, which performs the same float operations lane for lane (the same
 * fused multiply-adds, correctly rounded square roots and divisions), so an element's result does not depend on
 * where a range starts or ends. Only {@link ElementKernels#create} loads this class, and only when the module is
 * present.
 */
final class VectorElementKernels extends ElementKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private final ScalarElementKernels tails = new ScalarElementKernels();

    @Override
    String description() {
        return "vector API " + F.vectorBitSize() + "-bit element-wise kernels";
    }

    @Override
    void biasActivation(float[] y, int yAt, float[] bias, int biasAt, int rows, int cols,
                        Activation act, float alpha) {
        int body = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = yAt + r * cols;
            for (int j = 0; j < body; j += L) {
                FloatVector z = FloatVector.fromArray(F, y, row + j);
                if (bias != null) {
                    z = z.add(FloatVector.fromArray(F, bias, biasAt + j));
                }
                activate(act, alpha, z).intoArray(y, row + j);
            }
        }
        if (body < cols) {
            for (int r = 0; r < rows; r++) {
                tails.biasActivationColumns(y, yAt + r * cols, bias, biasAt, body, cols, act, alpha);
            }
        }
    }

    @Override
    void activationBackward(Activation act, float alpha, float[] x, int xAt, float[] dy, int dyAt,
                            float[] dx, int dxAt, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector g = FloatVector.fromArray(F, dy, dyAt + i);
            if (act != Activation.IDENTITY) {
                VectorMask<Float> positive = FloatVector.fromArray(F, x, xAt + i).compare(VectorOperators.GT, 0f);
                FloatVector negative = act == Activation.LEAKY_RELU ? g.mul(alpha) : FloatVector.zero(F);
                g = negative.blend(g, positive);
            }
            g.intoArray(dx, dxAt + i);
        }
        tails.activationBackward(act, alpha, x, xAt, dy, dyAt, dx, dxAt, i, to);
    }

    @Override
    void columnSums(float[] g, int gAt, int rows, int cols, float[] sums, int sumsAt) {
        int body = F.loopBound(cols);
        for (int j = 0; j < body; j += L) {
            FloatVector sum = FloatVector.zero(F);
            for (int r = 0; r < rows; r++) {
                sum = sum.add(FloatVector.fromArray(F, g, gAt + r * cols + j));
            }
            sum.intoArray(sums, sumsAt + j);
        }
        tails.columnSums(g, gAt, rows, cols, body, sums, sumsAt);
    }

    @Override
    void adam(float[] p, int pAt, float[] g, int gAt, float[] m, int mAt, float[] v, int vAt,
              int from, int to, AdamScalars s) {
        FloatVector l2 = FloatVector.broadcast(F, s.l2);
        FloatVector oneMinusBeta1 = FloatVector.broadcast(F, s.oneMinusBeta1);
        FloatVector invBiasCorrection2Sqrt = FloatVector.broadcast(F, s.invBiasCorrection2Sqrt);
        FloatVector eps = FloatVector.broadcast(F, s.eps);
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector param = FloatVector.fromArray(F, p, pAt + i);
            FloatVector grad = FloatVector.fromArray(F, g, gAt + i);
            if (s.l2 != 0f) {
                grad = param.fma(l2, grad);
            }
            FloatVector mean = grad.fma(oneMinusBeta1, FloatVector.fromArray(F, m, mAt + i).mul(s.beta1));
            FloatVector square = grad.mul(s.oneMinusBeta2)
                    .fma(grad, FloatVector.fromArray(F, v, vAt + i).mul(s.beta2));
            mean = mean.blend(0f, mean.abs().compare(VectorOperators.LT, SUBNORMAL_LIMIT));
            square = square.blend(0f, square.compare(VectorOperators.LT, SUBNORMAL_LIMIT));
            mean.intoArray(m, mAt + i);
            square.intoArray(v, vAt + i);
            FloatVector denominator = square.sqrt().fma(invBiasCorrection2Sqrt, eps);
            FloatVector step = mean.mul(s.stepSize).div(denominator);
            (s.decay == 1f ? param : param.mul(s.decay)).sub(step).intoArray(p, pAt + i);
        }
        tails.adam(p, pAt, g, gAt, m, mAt, v, vAt, i, to, s);
    }

    private static FloatVector activate(Activation act, float alpha, FloatVector z) {
        if (act == Activation.IDENTITY) {
            return z;
        }
        VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
        FloatVector negative = act == Activation.LEAKY_RELU ? z.mul(alpha) : FloatVector.zero(F);
        return negative.blend(z, positive);
    }
}
