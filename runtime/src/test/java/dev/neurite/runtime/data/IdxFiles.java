package dev.neurite.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** An image file of {@code pixels.length / (rows * cols)} images. */
    static byte[] images(int rows, int cols, byte[] pixels) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + pixels.length);
        buffer.putInt(0x00000803).putInt(pixels.length / (rows * cols)).putInt(rows).putInt(cols).put(pixels);
        return buffer.array();
    }

    static byte[] labels(byte... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(0x00000801).putInt(labels.length).put(labels);
        return buffer.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.write(file, data);
        return file;
    }

    /** A 3-image, 2×2 MNIST-style set in {@code dir} under the standard names, gzipped. */
    static void writeMnistLayout(Path dir) throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8};
        for (String prefix : new String[] {"train", "t10k"}) {
            write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(images(2, 2, pixels)));
            write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(labels((byte) 3, (byte) 0, (byte) 9)));
        }
    }
}
