package dev.neurite.runtime.data;

/** {@link PixelDecoder} by table lookup: the feature of each of the 256 pixel values is computed once. */
final class ScalarPixelDecoder extends PixelDecoder {

    private final float[] features = new float[256];

    ScalarPixelDecoder(float mean, float std) {
        super(mean, std);
        for (int pixel = 0; pixel < features.length; pixel++) {
            features[pixel] = feature(pixel);
        }
    }

    @Override
    void decode(byte[] pixels, int from, float[] to, int at, int n) {
        for (int i = 0; i < n; i++) {
            to[at + i] = features[pixels[from + i] & 0xff];
        }
    }
}
