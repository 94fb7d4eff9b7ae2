package dev.neurite.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdxReaderTest {

    @TempDir
    Path dir;

    private final byte[] pixels = {0, (byte) 255, 51, 102, 1, 2, 3, 4};

    @Test
    void readsRawFilesAndScalesPixelsToUnitRange() throws IOException {
        Path images = IdxFiles.write(dir.resolve("img"), IdxFiles.images(2, 2, pixels));
        Path labels = IdxFiles.write(dir.resolve("lbl"), IdxFiles.labels((byte) 1, (byte) 0));

        Dataset set = IdxReader.read("t", images, labels, 2, List.of("a", "b"));

        assertEquals(2, set.count());
        assertEquals(4, set.featureSize());
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, Arrays.copyOf(set.features(), 4));
        assertEquals(4 / 255f, set.features()[7]);
        assertArrayEquals(new float[] {1, 0}, set.targets());
        assertEquals("b", set.className(1));
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws IOException {
        Path images = IdxFiles.write(dir.resolve("images.raw"), IdxFiles.gzip(IdxFiles.images(2, 2, pixels)));
        Path labels = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.labels((byte) 1, (byte) 0));

        Dataset set = IdxReader.read("t", images, labels, 2, List.of());

        assertEquals(2, set.count());
        assertEquals(1f, set.features()[1]);
    }

    @Test
    void reportsTruncatedFileWithExpectedAndActualSize() throws IOException {
        byte[] full = IdxFiles.images(2, 2, pixels);
        Path images = IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxFiles.gzip(Arrays.copyOf(full, full.length - 3)));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1, (byte) 0));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read("t", images, labels, 2, List.of()));

        assertEquals("train-images-idx3-ubyte.gz: truncated: header says 2 images of 2×2 (24 bytes) but the file "
                + "has 21 bytes", e.getMessage());
    }

    @Test
    void reportsTrailingBytes() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), Arrays.copyOf(IdxFiles.images(2, 2, pixels), 30));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1, (byte) 0));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read("t", images, labels, 2, List.of()));

        assertEquals("i: unexpected trailing data: header says 2 images of 2×2 (24 bytes) but the file has 30 bytes",
                e.getMessage());
    }

    @Test
    void rejectsWrongMagicSuchAsSwappedImageAndLabelFiles() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2, 2, pixels));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1, (byte) 0));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read("t", labels, images, 2, List.of()));

        assertEquals("l: not an IDX images file: magic number 0x00000801, expected 0x00000803", e.getMessage());
    }

    @Test
    void rejectsLabelCountMismatch() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2, 2, pixels));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read("t", images, labels, 2, List.of()));

        assertEquals("l: has 1 labels but i has 2 images; they must belong together", e.getMessage());
    }

    @Test
    void rejectsLabelOutsideClassRange() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2, 2, pixels));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1, (byte) 10));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read("t", images, labels, 10, List.of()));

        assertEquals("l: label 10 of sample 1 is not a class index below 10", e.getMessage());
    }

    @Test
    void reportsCorruptGzipAndMissingFile() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(2, 2, pixels));
        Path images = IdxFiles.write(dir.resolve("i.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels((byte) 1, (byte) 0));

        DataException corrupt = assertThrows(DataException.class,
                () -> IdxReader.read("t", images, labels, 2, List.of()));
        DataException missing = assertThrows(DataException.class,
                () -> IdxReader.read("t", dir.resolve("nope"), labels, 2, List.of()));

        assertEquals(true, corrupt.getMessage().startsWith("i.gz: corrupt gzip data"), corrupt.getMessage());
        assertEquals(dir.resolve("nope") + ": file not found", missing.getMessage());
    }
}
