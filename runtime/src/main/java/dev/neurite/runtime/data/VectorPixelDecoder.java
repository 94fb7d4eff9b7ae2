package dev.neurite.runtime.data;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelDecoder} with the Java Vector API: a vector of bytes is widened to ints, masked to 0-255, converted
 * to floats and scaled, bitwise as {@link #feature} computes it. The two divisions of the formula bound the speed
 * (a vector division takes ~10 cycles of the one divider: 27 us for a batch of 64 Fashion-MNIST images), so each
 * is replaced by a multiplication by the reciprocal and one correction step with fused multiply-adds, which gives
 * the correctly rounded quotient in all but rare cases; as a pixel has only 256 values, the constructor checks
 * every one against {@link #feature} and keeps the divisions if any differs.
 * Only {@link PixelDecoder#create} loads this class, and only when the module is present.
 */
final class VectorPixelDecoder extends PixelDecoder {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** As many bytes as F has floats. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    @SuppressWarnings("unchecked")
    private static final VectorSpecies<Integer> I = (VectorSpecies<Integer>) F.withLanes(int.class);

    private final float inverse255 = 1f / 255f;
    private final float inverseStd;
    /** Whether {@link #byReciprocals} gives {@link #feature}'s bits for every pixel value. */
    private final boolean exactByReciprocals;

    VectorPixelDecoder(float mean, float std) {
        super(mean, std);
        this.inverseStd = 1f / std;
        boolean exact = true;
        for (int pixel = 0; pixel < 256 && exact; pixel++) {
            exact = Float.floatToRawIntBits(byReciprocals(pixel)) == Float.floatToRawIntBits(feature(pixel));
        }
        this.exactByReciprocals = exact;
    }

    /** Whether {@link #decode} multiplies by reciprocals (all 256 values checked) instead of dividing. */
    boolean usesReciprocals() {
        return exactByReciprocals;
    }

    /** {@link #feature} with each division done as the vector loop does it: reciprocal, then one correction. */
    private float byReciprocals(int pixel) {
        float x = pixel;
        float q = x * inverse255;
        float scaled = Math.fma(Math.fma(-q, 255f, x), inverse255, q);
        float t = scaled - mean;
        float r = t * inverseStd;
        return Math.fma(Math.fma(-r, std, t), inverseStd, r);
    }

    @Override
    void decode(byte[] pixels, int from, float[] to, int at, int n) {
        FloatVector v255 = FloatVector.broadcast(F, 255f);
        FloatVector vInverse255 = FloatVector.broadcast(F, inverse255);
        FloatVector vStd = FloatVector.broadcast(F, std);
        FloatVector vInverseStd = FloatVector.broadcast(F, inverseStd);
        int i = 0;
        for (; i <= n - L; i += L) {
            IntVector values = (IntVector) ByteVector.fromArray(B, pixels, from + i)
                    .convertShape(VectorOperators.B2I, I, 0);
            FloatVector x = (FloatVector) values.lanewise(VectorOperators.AND, 0xff).convert(VectorOperators.I2F, 0);
            if (exactByReciprocals) {
                FloatVector q = x.mul(vInverse255);
                FloatVector scaled = q.neg().fma(v255, x).fma(vInverse255, q);
                FloatVector t = scaled.sub(mean);
                FloatVector r = t.mul(vInverseStd);
                r.neg().fma(vStd, t).fma(vInverseStd, r).intoArray(to, at + i);
            } else {
                x.div(255f).sub(mean).div(std).intoArray(to, at + i);
            }
        }
        for (; i < n; i++) {
            to[at + i] = feature(pixels[from + i] & 0xff);
        }
    }
}
