package dev.neurite.runtime.data;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelDecoder} with the Java Vector API: a vector of bytes is widened to ints, masked to 0-255, converted
 * to floats and scaled by the same correctly rounded float operations as {@link #feature}, so the result is
 * bitwise the scalar one. Twice as fast as the table on 64 rows of 784 bytes picked from a 47 MB array (15
 * against 31 us).
 * Only {@link PixelDecoder#create} loads this class, and only when the module is present.
 */
final class VectorPixelDecoder extends PixelDecoder {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** As many bytes as F has floats. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    @SuppressWarnings("unchecked")
    private static final VectorSpecies<Integer> I = (VectorSpecies<Integer>) F.withLanes(int.class);

    VectorPixelDecoder(float mean, float std) {
        super(mean, std);
    }

    @Override
    void decode(byte[] pixels, int from, float[] to, int at, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            IntVector values = (IntVector) ByteVector.fromArray(B, pixels, from + i)
                    .convertShape(VectorOperators.B2I, I, 0);
            FloatVector x = (FloatVector) values.lanewise(VectorOperators.AND, 0xff).convert(VectorOperators.I2F, 0);
            x.div(255f).sub(mean).div(std).intoArray(to, at + i);
        }
        for (; i < n; i++) {
            to[at + i] = feature(pixels[from + i] & 0xff);
        }
    }
}
