package dev.neurite.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, the element type
 * {@code 0x08} for unsigned bytes, the number of dimensions, then each dimension as a 32-bit integer) followed by
 * the elements. Images are {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801} (count).
 *
 * <p>Files may be gzipped or raw; gzip is recognised by its magic bytes {@code 1f 8b}, not by the file name.
 * Every check names the file and says what is wrong, including truncated files and trailing bytes.
 */
public final class IdxReader {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file into a classification set, pixels scaled to [0, 1] (divided by
     * 255) and labels as class indices.
     *
     * @param name       for messages, for example {@code fashion_mnist train}
     * @param classes    number of classes; every label must be below it
     * @param classNames names of the classes, or empty
     */
    public static Dataset read(String name, Path images, Path labels, int classes, List<String> classNames) {
        Idx imageFile = readIdx(images, IMAGES_MAGIC, "images");
        Idx labelFile = readIdx(labels, LABELS_MAGIC, "labels");
        int count = imageFile.dims[0];
        if (labelFile.dims[0] != count) {
            throw new DataException(labels.getFileName() + ": has " + labelFile.dims[0] + " labels but "
                    + images.getFileName() + " has " + count + " images; they must belong together");
        }
        int pixels = imageFile.dims[1] * imageFile.dims[2];
        // Kept as bytes (a quarter of the floats' memory): the data loader scales each batch as it copies it.
        byte[] data = Arrays.copyOfRange(imageFile.bytes, imageFile.dataStart, imageFile.dataStart + count * pixels);
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            int label = labelFile.bytes[labelFile.dataStart + i] & 0xff;
            if (label >= classes) {
                throw new DataException(labels.getFileName() + ": label " + label + " of sample " + i
                        + " is not a class index below " + classes);
            }
            targets[i] = label;
        }
        return Dataset.ofPixels(name, data, pixels, targets, classes, classNames);
    }

    /** The largest label in a label file plus one: the number of classes of a set without a fixed count. */
    public static int countClasses(Path labels) {
        Idx labelFile = readIdx(labels, LABELS_MAGIC, "labels");
        int max = -1;
        for (int i = labelFile.dataStart; i < labelFile.bytes.length; i++) {
            max = Math.max(max, labelFile.bytes[i] & 0xff);
        }
        return max + 1;
    }

    /** A parsed file: its bytes (decompressed), the dimensions from the header and where the elements start. */
    private record Idx(byte[] bytes, int[] dims, int dataStart) {
    }

    private static Idx readIdx(Path file, int expectedMagic, String what) {
        String fileName = String.valueOf(file.getFileName());
        byte[] bytes = readMaybeGzipped(file);
        if (bytes.length < 4) {
            throw new DataException(fileName + ": not an IDX file: only " + bytes.length + " bytes");
        }
        int magic = readInt(bytes, 0);
        if (magic != expectedMagic) {
            throw new DataException(fileName + ": not an IDX " + what + " file: magic number "
                    + String.format("0x%08x", magic) + ", expected " + String.format("0x%08x", expectedMagic));
        }
        int rank = expectedMagic & 0xff;
        int dataStart = 4 + 4 * rank;
        if (bytes.length < dataStart) {
            throw new DataException(fileName + ": truncated: the header needs " + dataStart
                    + " bytes but the file has " + bytes.length);
        }
        int[] dims = new int[rank];
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(bytes, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw new DataException(fileName + ": dimension " + d + " in the header is " + dims[d]
                        + ", expected a positive size");
            }
            elements *= dims[d];
        }
        long expectedBytes = dataStart + elements;
        if (bytes.length != expectedBytes) {
            String problem = bytes.length < expectedBytes ? "truncated" : "unexpected trailing data";
            throw new DataException(fileName + ": " + problem + ": header says " + describe(dims, what)
                    + " (" + expectedBytes + " bytes) but the file has " + bytes.length + " bytes");
        }
        return new Idx(bytes, dims, dataStart);
    }

    private static String describe(int[] dims, String what) {
        return dims.length == 3 ? dims[0] + " images of " + dims[1] + "×" + dims[2] : dims[0] + " " + what;
    }

    private static byte[] readMaybeGzipped(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        boolean gzipped = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzipped) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException(file.getFileName() + ": corrupt gzip data (" + e.getMessage()
                    + "); download the file again", e);
        }
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }
}
