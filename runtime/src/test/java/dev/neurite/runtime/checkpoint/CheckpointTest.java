package dev.neurite.runtime.checkpoint;

import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.train.ArrayBackend;
import dev.neurite.runtime.train.FakeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    @TempDir
    Path dir;

    private static FakeModel trained(String name, int in, int out, long seed) {
        FakeModel model = new FakeModel(name, in, out, LossKind.CROSS_ENTROPY, 0.1, 8, seed);
        Random random = new Random(seed);
        float[] x = new float[8 * in];
        float[] y = new float[8];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextInt(out);
            }
            model.trainStep(x, y, 8);
        }
        return model;
    }

    private static float[] values(FakeModel model) {
        return ArrayBackend.array(model.parameters()).data().clone();
    }

    private static float[] momentum(FakeModel model) {
        return ArrayBackend.array(model.optimizer().state().get("momentum_buffer")).data().clone();
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void roundTripRestoresIdenticalBitsStepsAndMetadata() {
        FakeModel saved = trained("Mlp", 5, 3, 1);
        Path file = dir.resolve("last.safetensors");

        Checkpoint.save(file, saved, Map.of(Checkpoint.EPOCH, "2"));
        FakeModel restored = new FakeModel("Mlp", 5, 3, LossKind.CROSS_ENTROPY, 0.1, 8, 99);
        Map<String, String> metadata = Checkpoint.load(file, restored);

        assertArrayEquals(bits(values(saved)), bits(values(restored)));
        assertArrayEquals(bits(momentum(saved)), bits(momentum(restored)));
        assertEquals(3, restored.optimizer().steps());
        assertEquals("2", metadata.get(Checkpoint.EPOCH));
        assertEquals("Mlp", metadata.get(Checkpoint.MODEL));
        assertEquals("sgd", metadata.get(Checkpoint.OPTIMIZER));
        assertEquals(Checkpoint.CURRENT_FORMAT, metadata.get(Checkpoint.FORMAT_VERSION));
        assertEquals(metadata, Checkpoint.readMetadata(file));
    }

    @Test
    void writesStandardSafetensorsLayout() throws IOException {
        Path file = dir.resolve("m.safetensors");
        FakeModel model = trained("Mlp", 2, 2, 1);

        Checkpoint.save(file, model, Map.of());

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerLength % 8, "header padded so the data is aligned");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dense1.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}"),
                header);
        assertTrue(header.contains("\"optimizer.momentum_buffer.dense1.bias\""), header);
        // 6 parameters and 6 momentum values, 4 bytes each; the first float is dense1.weight[0, 0].
        assertEquals(8 + headerLength + 12 * 4, bytes.length);
        float first = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + headerLength));
        assertEquals(values(model)[0], first);
    }

    @Test
    void rejectsWrongModelName() {
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, trained("MnistMlp", 4, 3, 1), Map.of());

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(file, trained("FashionMlp", 4, 3, 1)));

        assertEquals(file + ": checkpoint was written for model MnistMlp, not FashionMlp", e.getMessage());
    }

    @Test
    void rejectsWrongShapeNamingTheTensorAndLeavesTheModelUnchanged() {
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, trained("FashionMlp", 4, 3, 1), Map.of());
        FakeModel other = trained("FashionMlp", 4, 2, 2);
        float[] before = values(other);

        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, other));

        assertEquals(file + ": checkpoint has dense1.weight [3, 4] but model FashionMlp expects [2, 4]",
                e.getMessage());
        assertArrayEquals(before, values(other));
    }

    @Test
    void rejectsCorruptedHeader() throws IOException {
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, trained("Mlp", 4, 3, 1), Map.of());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(8);
            raf.write("[{{".getBytes(StandardCharsets.US_ASCII));
        }

        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.readMetadata(file));

        assertTrue(e.getMessage().startsWith(file + ": damaged checkpoint: header is not valid JSON"),
                e.getMessage());
    }

    @Test
    void rejectsInsaneHeaderLength() throws IOException {
        Path file = Files.write(dir.resolve("c.safetensors"), ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());

        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.readMetadata(file));

        assertEquals(file + ": damaged checkpoint: header length 1099511627776 does not fit a file of 16 bytes",
                e.getMessage());
    }

    @Test
    void rejectsTruncatedFileNamingTheFirstTensorOutside() throws IOException {
        Path file = dir.resolve("c.safetensors");
        FakeModel model = trained("Mlp", 4, 3, 1);
        Checkpoint.save(file, model, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(file, trained("Mlp", 4, 3, 2)));

        assertTrue(e.getMessage().contains("tensor optimizer.momentum_buffer.dense1.bias has data_offsets"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(truncated file?)"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        Path file = dir.resolve("none.safetensors");

        assertEquals(file + ": checkpoint not found",
                assertThrows(CheckpointException.class, () -> Checkpoint.readMetadata(file)).getMessage());
    }

    @Test
    void saveReplacesAnExistingCheckpointAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("last.safetensors");
        Checkpoint.save(file, trained("Mlp", 4, 3, 1), Map.of(Checkpoint.EPOCH, "1"));
        Checkpoint.save(file, trained("Mlp", 4, 3, 1), Map.of(Checkpoint.EPOCH, "2"));

        assertEquals("2", Checkpoint.readMetadata(file).get(Checkpoint.EPOCH));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList());
        }
        assertFalse(Files.exists(dir.resolve("last.safetensors.tmp")));
    }
}
