package dev.neurite.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelDecoderTest {

    @Test
    void vectorAndTableDecodeEveryPixelValueToTheFloatFormulaBitwise() {
        float mean = 0.2860f;
        float std = 0.3530f;
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
            assertArrayEquals(expected, decoded, decoder.getClass().getSimpleName());
        }
    }

    @Test
    void createPicksTheVectorDecoderWhenTheModuleIsPresent() {
        // Surefire starts the test JVM with --add-modules jdk.incubator.vector.
        assertTrue(PixelDecoder.create(0f, 1f) instanceof VectorPixelDecoder);
    }
}
