package dev.neurite.runtime.data;

/**
 * Turns pixels (unsigned bytes) into features, {@code (pixel / 255 - mean) / std} in float, the formula of
 * PyTorch's {@code ToTensor} and {@code Normalize}: the data loader's work on every batch of an image set. Two
 * implementations compute the same float operations: {@link VectorPixelDecoder} with the Java Vector API and
 * {@link ScalarPixelDecoder} with a table of the 256 values for JVMs without the module.
 */
abstract class PixelDecoder {

    final float mean;
    final float std;

    PixelDecoder(float mean, float std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * The fastest decoder this JVM supports: the vector one when the module {@code jdk.incubator.vector} is in
     * the boot layer (the vector class is otherwise never loaded), else the table.
     */
    static PixelDecoder create(float mean, float std) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return new VectorPixelDecoder(mean, std);
        }
        return new ScalarPixelDecoder(mean, std);
    }

    /** The feature of one pixel value, 0-255. */
    final float feature(int pixel) {
        return (pixel / 255f - mean) / std;
    }

    /** Decodes {@code n} pixels from {@code pixels[from]} into {@code to[at]}. */
    abstract void decode(byte[] pixels, int from, float[] to, int at, int n);
}
