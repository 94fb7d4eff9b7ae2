package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementKernels} with the Java Vector API: whole vectors of the preferred species, and the few elements
 * left over by {@link ScalarElementKernels}, which performs the same float operations lane for lane (the same
 * fused multiply-adds, correctly rounded square roots and divisions), so an element's result does not depend on
 * where a range starts or ends. Only {@link ElementKernels#create} loads this class, and only when the module is
 * present.
 *
 * <p>No vector mask is used: on JDK 17 C2 does not intrinsify the mask operations of the 512-bit species
 * ({@code compare}, {@code blend}; AVX-512 predicate support came in JDK 18), and their Java fallback allocates
 * and is slow. Comparisons are done on the float bits with integer arithmetic instead (see
 * {@link #POSITIVE_LIMIT} and {@link #SUBNORMAL_BITS}), which selects exactly the same elements.
 */
final class VectorElementKernels extends ElementKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Int lanes of the same shape, for comparisons on the float bits. */
    @SuppressWarnings("unchecked")
    private static final VectorSpecies<Integer> I = (VectorSpecies<Integer>) F.withLanes(int.class);

    /**
     * {@code x > 0} exactly when the float bits {@code b} satisfy {@code 0 <= b - 1 <= POSITIVE_LIMIT} (signed):
     * {@code b - 1} is negative for {@code +0} and for every negative float except {@code -0}, whose bits
     * {@code 0x80000000} minus one give {@code 0x7fffffff}, above the limit like every NaN. So the sign bit of
     * {@code (b - 1) | (POSITIVE_LIMIT - (b - 1))} is clear exactly for positive floats (and no difference
     * overflows into a wrong sign), and its arithmetic shift by 31 is a lane mask of all zeros for them and
     * all ones otherwise.
     */
    private static final int POSITIVE_LIMIT = Float.floatToRawIntBits(Float.POSITIVE_INFINITY) - 1;
    /** {@code |x| < SUBNORMAL_LIMIT} exactly when the bits of {@code |x|} minus these are negative. */
    private static final int SUBNORMAL_BITS = Float.floatToRawIntBits(SUBNORMAL_LIMIT);
    /** The bits of a float but its sign. */
    private static final int MAGNITUDE = 0x7fffffff;

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
                // notPositive: all ones in the lanes where x <= 0 or x is NaN (see POSITIVE_LIMIT).
                IntVector xm1 = FloatVector.fromArray(F, x, xAt + i).reinterpretAsInts().sub(1);
                IntVector notPositive = xm1.or(IntVector.broadcast(I, POSITIVE_LIMIT).sub(xm1))
                        .lanewise(VectorOperators.ASHR, 31);
                IntVector kept = g.reinterpretAsInts().and(notPositive.not());
                if (act == Activation.LEAKY_RELU) {
                    kept = kept.or(g.mul(alpha).reinterpretAsInts().and(notPositive));
                }
                g = kept.reinterpretAsFloats();
            }
            g.intoArray(dx, dxAt + i);
        }
        tails.activationBackward(act, alpha, x, xAt, dy, dyAt, dx, dxAt, i, to);
    }

    @Override
    void columnSums(float[] g, int gAt, int ld, int rows, int cols, float[] sums, int sumsAt) {
        int body = F.loopBound(cols);
        for (int j = 0; j < body; j += L) {
            FloatVector sum = FloatVector.zero(F);
            for (int r = 0; r < rows; r++) {
                sum = sum.add(FloatVector.fromArray(F, g, gAt + r * ld + j));
            }
            sum.intoArray(sums, sumsAt + j);
        }
        tails.columnSums(g, gAt, ld, rows, cols, body, sums, sumsAt);
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
            // Flush |value| < SUBNORMAL_LIMIT to +0: AND with the inverted sign of |bits| - SUBNORMAL_BITS.
            IntVector meanBits = mean.reinterpretAsInts();
            IntVector meanSmall = meanBits.and(MAGNITUDE).sub(SUBNORMAL_BITS).lanewise(VectorOperators.ASHR, 31);
            mean = meanBits.and(meanSmall.not()).reinterpretAsFloats();
            IntVector squareBits = square.reinterpretAsInts();
            IntVector squareSmall = squareBits.and(MAGNITUDE).sub(SUBNORMAL_BITS)
                    .lanewise(VectorOperators.ASHR, 31);
            square = squareBits.and(squareSmall.not()).reinterpretAsFloats();
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
        // notPositive: all ones in the lanes where z <= 0 or z is NaN (see POSITIVE_LIMIT).
        IntVector bits = z.reinterpretAsInts();
        IntVector zm1 = bits.sub(1);
        IntVector notPositive = zm1.or(IntVector.broadcast(I, POSITIVE_LIMIT).sub(zm1))
                .lanewise(VectorOperators.ASHR, 31);
        IntVector kept = bits.and(notPositive.not());
        if (act == Activation.LEAKY_RELU) {
            kept = kept.or(z.mul(alpha).reinterpretAsInts().and(notPositive));
        }
        return kept.reinterpretAsFloats();
    }
}
