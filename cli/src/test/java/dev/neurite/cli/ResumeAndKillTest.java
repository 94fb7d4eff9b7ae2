package dev.neurite.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checkpoints as a user relies on them: resuming continues exactly, and a killed run leaves a loadable one. */
class ResumeAndKillTest {

    @Test
    void twoEpochsThenResumingForOneEqualsThreeEpochsStraightBitForBit(@TempDir Path dir) throws IOException {
        assumeTrue(CliRun.hasFashionMnist(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        String spec = CliRun.example("fashion_mnist.nn");
        Path first = dir.resolve("first");
        Path resumed = dir.resolve("resumed");
        Path straight = dir.resolve("straight");
        assertSucceeds(CliRun.of("train", spec, "--limit", "2000", "--epochs", "2", "--out", first.toString()));
        assertSucceeds(CliRun.of("train", spec, "--limit", "2000", "--epochs", "3", "--resume",
                first.resolve("last.safetensors").toString(), "--out", resumed.toString()));
        assertSucceeds(CliRun.of("train", spec, "--limit", "2000", "--epochs", "3", "--out", straight.toString()));
        // Same parameters, optimizer moments, step count and metadata: the files are identical.
        assertArrayEquals(Files.readAllBytes(straight.resolve("last.safetensors")),
                Files.readAllBytes(resumed.resolve("last.safetensors")));
    }

    @Test
    void resumingARunThatFinishedItsEpochsTrainsNothingAndSaysSo(@TempDir Path dir) throws IOException {
        String spec = CliRun.example("xor.nn");
        Path checkpoint = dir.resolve("last.safetensors");
        assertSucceeds(CliRun.of("train", spec, "--model", "Xor", "--epochs", "3", "--out", dir.toString()));
        byte[] before = Files.readAllBytes(checkpoint);

        CliRun resumed = CliRun.of("train", spec, "--model", "Xor", "--epochs", "3", "--resume", checkpoint.toString(),
                "--out", dir.toString());

        assertSucceeds(resumed);
        assertTrue(resumed.out().contains("nothing to train: the run in " + checkpoint + " had already finished"
                + " epoch 3, and this run ends at epoch 3; the checkpoint is left unchanged (pass --epochs 4 or more"
                + " to train further)"), resumed.out());
        assertFalse(resumed.out().contains("checkpoint: "), "no checkpoint was written: " + resumed.out());
        assertArrayEquals(before, Files.readAllBytes(checkpoint));
    }

    @Test
    void aTrainingRunKilledAtAnyMomentLeavesALoadableCheckpoint(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path checkpoint = out.resolve("last.safetensors");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The spiral model saves a checkpoint after every one of its many short epochs.
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", CliRun.example("spiral.nn"), "--out", out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("train.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(checkpoint) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(checkpoint), "no checkpoint appeared:\n"
                    + Files.readString(dir.resolve("train.log")));
            Thread.sleep(300 + new java.util.Random().nextInt(500));
        } finally {
            process.destroyForcibly().waitFor();
        }
        CliRun eval = CliRun.of("eval", CliRun.example("spiral.nn"), "--weights", checkpoint.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());
        File[] stray = out.toFile().listFiles((d, name) -> name.endsWith(".safetensors")
                && !name.equals("last.safetensors"));
        assertEquals(0, stray == null ? 0 : stray.length, "only temporary files may be left besides last.safetensors");
    }

    private static void assertSucceeds(CliRun run) {
        assertEquals(0, run.exit(), run.err() + run.out());
    }
}
