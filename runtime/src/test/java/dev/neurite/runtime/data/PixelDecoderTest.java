package dev.neurite.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelDecoderTest {

    /** (mean, std) pairs: none, Fashion-MNIST's, MNIST's, and odd ones. */
    private static final float[][] NORMALIZATIONS = {
        {0f, 1f}, {0.2860f, 0.3530f}, {0.1307f, 0.3081f}, {0.5f, 0.5f}, {-3.7f, 0.013f}, {100f, 7e-5f}, {0f, 3f},
    };

    @Test
    void vectorAndTableDecodeEveryPixelValueToTheFloatFormulaBitwise() {
        for (float[] normalization : NORMALIZATIONS) {
            decodesEveryPixelValueBitwise(normalization[0], normalization[1]);
        }
    }

    @Test
    void theVectorDecoderAvoidsTheDivisionsForTheCommonNormalizations() {
        // Whether it may is decided by checking all 256 values; these must pass, or the decoder is slow again.
        for (int n = 0; n < 3; n++) {
            float[] normalization = NORMALIZATIONS[n];
            assertTrue(new VectorPixelDecoder(normalization[0], normalization[1]).usesReciprocals(),
                    "mean " + normalization[0] + ", std " + normalization[1]);
        }
    }

    private static void decodesEveryPixelValueBitwise(float mean, float std) {
        // 3 + 256 + 5 pixels: a start that is not vector aligned and a tail shorter than a vector.
        byte[] pixels = new byte[264];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i - 3);
        }
        float[] expected = new float[261];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = ((pixels[i + 3] & 0xff) / 255f - mean) / std;
        }
        for (PixelDecoder decoder : new PixelDecoder[] {
                new VectorPixelDecoder(mean, std), new ScalarPixelDecoder(mean, std)}) {
            float[] to = new float[263];
            decoder.decode(pixels, 3, to, 2, 261);
            assertEquals(0f, to[0]);
            assertEquals(0f, to[1]);
            float[] decoded = java.util.Arrays.copyOfRange(to, 2, 263);
            assertArrayEquals(expected, decoded, decoder.getClass().getSimpleName() + " mean " + mean + ", std " + std);
        }
    }

    @Test
    void createPicksTheVectorDecoderWhenTheModuleIsPresent() {
        // Surefire starts the test JVM with --add-modules jdk.incubator.vector.
        assertTrue(PixelDecoder.create(0f, 1f) instanceof VectorPixelDecoder);
    }
}
