package dev.neurite.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input ends with one clear line and a non-zero exit: never a stack trace, never a partial
 * output file.
 */
class BadInputTest {

    private static final String FASHION = CliRun.example("fashion_mnist.nn");

    @Test
    void truncatedIdxFile(@TempDir Path dir) throws IOException {
        writeIdxSet(dir, 0x00000803, 10, 10);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] whole = gunzip(images);
        gzip(images, java.util.Arrays.copyOf(whole, 16 + 700));
        CliRun run = train(dir);
        run.assertOneLineError("truncated");
        assertNoCheckpoint(dir);
    }

    @Test
    void wrongMagicNumber(@TempDir Path dir) throws IOException {
        writeIdxSet(dir, 0x00000801, 10, 10);
        train(dir).assertOneLineError("magic");
    }

    @Test
    void imageAndLabelCountsDisagree(@TempDir Path dir) throws IOException {
        writeIdxSet(dir, 0x00000803, 10, 9);
        train(dir).assertOneLineError("10");
    }

    @Test
    void missingDatasetInTheDataDirSaysWhichFilesGoThere(@TempDir Path dir) {
        CliRun run = train(dir);
        run.assertOneLineError("put the four Fashion-MNIST files (train-images-idx3-ubyte.gz, ");
        assertFalse(run.err().contains("--data-dir"), "--data-dir was given already: " + run.err());
    }

    @Test
    void csvWithANonNumericCell(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y,label\n0.5,0.1,0\n0.2,oops,1\n");
        CliRun run = CliRun.of("train", csvModel(dir, csv).toString(), "--out", dir.resolve("out").toString());
        run.assertOneLineError("points.csv:3:2");
    }

    @Test
    void csvWithRaggedRows(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "0.5,0.1,0\n0.2,1\n");
        CliRun run = CliRun.of("train", csvModel(dir, csv).toString(), "--out", dir.resolve("out").toString());
        run.assertOneLineError("points.csv:2");
    }

    @Test
    void checkpointOfAnotherModel(@TempDir Path dir) {
        CliRun train = CliRun.of("train", CliRun.example("xor.nn"), "--model", "Xor", "--epochs", "1", "--out",
                dir.toString());
        assertEquals(0, train.exit(), train.err());
        CliRun eval = CliRun.of("eval", CliRun.example("xor.nn"), "--model", "XorLinear", "--weights",
                dir.resolve("last.safetensors").toString());
        eval.assertOneLineError("Xor");
    }

    @Test
    void resumingWithAnotherSeedWouldContinueADifferentRun(@TempDir Path dir) {
        CliRun first = CliRun.of("train", CliRun.example("xor.nn"), "--model", "Xor", "--epochs", "1", "--out",
                dir.resolve("a").toString());
        assertEquals(0, first.exit(), first.err());
        CliRun resumed = CliRun.of("train", CliRun.example("xor.nn"), "--model", "Xor", "--epochs", "2", "--seed", "7",
                "--resume", dir.resolve("a/last.safetensors").toString(), "--out", dir.resolve("b").toString());
        resumed.assertOneLineError("resume with the same (--seed 42 --batch 4)");
    }

    @Test
    void corruptedCheckpoint(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        CliRun run = CliRun.of("eval", CliRun.example("xor.nn"), "--model", "Xor", "--weights", bad.toString());
        run.assertOneLineError("bad.safetensors");
    }

    @Test
    void specWithErrorsShowsItsDiagnosticsAndExitsOne(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("broken.nn");
        Files.writeString(spec, "model M {\n    input x: [2]\n    dense 0\n    loss mse\n    optimizer sgd(0.1)\n}\n");
        CliRun run = CliRun.of("train", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("--> " + spec + ":3:11"), run.err());
        assertTrue(run.err().strip().endsWith("neurite: " + spec + ": 1 error"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void modelThatDoesNotExist(@TempDir Path dir) {
        CliRun run = CliRun.of("train", FASHION, "--model", "Fashion", "--out", dir.toString());
        run.assertOneLineError("has no model 'Fashion'; it has: FashionMlp");
    }

    @Test
    void severalTrainableModelsNeedModel(@TempDir Path dir) {
        CliRun run = CliRun.of("train", CliRun.example("xor.nn"), "--out", dir.toString());
        assertEquals(2, run.exit());
        run.assertOneLineError("has several models (XorLinear, Xor); choose one with --model NAME");
    }

    @Test
    void fileThatDoesNotExist() {
        CliRun run = CliRun.of("train", "no-such-model.nn");
        assertEquals(2, run.exit());
        run.assertOneLineError("no such file: no-such-model.nn");
    }

    @Test
    void unknownDevice(@TempDir Path dir) {
        CliRun run = CliRun.of("train", CliRun.example("spiral.nn"), "--device", "gpu", "--out", dir.toString());
        run.assertOneLineError("unknown device 'gpu'");
    }

    @Test
    void divergingTrainingStopsNamingEpochAndStep(@TempDir Path dir) {
        CliRun run = CliRun.of("train", CliRun.example("linear_regression.nn"), "--lr", "1000", "--out",
                dir.toString());
        run.assertOneLineError("training diverged at epoch 1, step ");
    }

    private static CliRun train(Path dataDir) {
        return CliRun.of("train", FASHION, "--data-dir", dataDir.toString(), "--out",
                dataDir.resolve("out").toString());
    }

    private static void assertNoCheckpoint(Path dir) {
        assertFalse(Files.exists(dir.resolve("out").resolve("last.safetensors")));
    }

    private static Path csvModel(Path dir, Path csv) throws IOException {
        Path spec = dir.resolve("points.nn");
        Files.writeString(spec, String.join("\n", List.of(
                "model Points {",
                "    input p: [2]",
                "    dense 2",
                "    loss cross_entropy",
                "    optimizer sgd(0.1)",
                "}",
                "train Points {",
                "    data csv(path = \"" + csv.toAbsolutePath() + "\")",
                "    epochs 1",
                "}", "")));
        return spec;
    }

    /** A Fashion-MNIST-shaped set of IDX files with {@code images} images and {@code labels} labels. */
    private static void writeIdxSet(Path dir, int imageMagic, int images, int labels) throws IOException {
        for (String split : new String[] {"train", "t10k"}) {
            ByteBuffer imageFile = ByteBuffer.allocate(16 + images * 784).putInt(imageMagic).putInt(images)
                    .putInt(28).putInt(28);
            gzip(dir.resolve(split + "-images-idx3-ubyte.gz"), imageFile.array());
            ByteBuffer labelFile = ByteBuffer.allocate(8 + labels).putInt(0x00000801).putInt(labels);
            gzip(dir.resolve(split + "-labels-idx1-ubyte.gz"), labelFile.array());
        }
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
