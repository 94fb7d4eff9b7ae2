package dev.neurite.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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
        byte[] data = imageFile.elements;
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            int label = labelFile.elements[i] & 0xff;
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
        for (byte label : labelFile.elements) {
            max = Math.max(max, label & 0xff);
        }
        return max + 1;
    }

    /** A parsed file: the dimensions from its header and its elements (decompressed). */
    private record Idx(int[] dims, byte[] elements) {
    }

    /**
     * Reads the header, then the elements straight into one array of the size the header gives: a 47 MB image
     * file is never held twice (reading the whole file first had put ~140 MB of garbage in the old generation).
     */
    private static Idx readIdx(Path file, int expectedMagic, String what) {
        String fileName = String.valueOf(file.getFileName());
        try (InputStream in = open(file)) {
            byte[] magicBytes = in.readNBytes(4);
            if (magicBytes.length < 4) {
                throw new DataException(fileName + ": not an IDX file: only " + magicBytes.length + " bytes");
            }
            int magic = readInt(magicBytes, 0);
            if (magic != expectedMagic) {
                throw new DataException(fileName + ": not an IDX " + what + " file: magic number "
                        + String.format("0x%08x", magic) + ", expected " + String.format("0x%08x", expectedMagic));
            }
            int rank = expectedMagic & 0xff;
            int dataStart = 4 + 4 * rank;
            byte[] header = in.readNBytes(4 * rank);
            if (header.length < 4 * rank) {
                throw new DataException(fileName + ": truncated: the header needs " + dataStart
                        + " bytes but the file has " + (4 + header.length));
            }
            int[] dims = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = readInt(header, 4 * d);
                if (dims[d] <= 0) {
                    throw new DataException(fileName + ": dimension " + d + " in the header is " + dims[d]
                            + ", expected a positive size");
                }
                elements *= dims[d];
            }
            long expectedBytes = dataStart + elements;
            if (elements > Integer.MAX_VALUE - 8) {
                throw new DataException(fileName + ": header says " + describe(dims, what) + " (" + expectedBytes
                        + " bytes), more than one array can hold");
            }
            byte[] data = new byte[(int) elements];
            int read = in.readNBytes(data, 0, data.length);
            long trailing = read < data.length ? 0 : in.transferTo(OutputStream.nullOutputStream());
            long actualBytes = dataStart + read + trailing;
            if (actualBytes != expectedBytes) {
                String problem = actualBytes < expectedBytes ? "truncated" : "unexpected trailing data";
                throw new DataException(fileName + ": " + problem + ": header says " + describe(dims, what)
                        + " (" + expectedBytes + " bytes) but the file has " + actualBytes + " bytes");
            }
            return new Idx(dims, data);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (ZipException | EOFException e) {
            throw new DataException(fileName + ": corrupt gzip data (" + e.getMessage()
                    + "); download the file again", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String describe(int[] dims, String what) {
        return dims.length == 3 ? dims[0] + " images of " + dims[1] + "×" + dims[2] : dims[0] + " " + what;
    }

    /** The file's contents, decompressed if it starts with gzip's magic bytes. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }
}
