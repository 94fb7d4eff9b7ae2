package dev.neurite.runtime.checkpoint;

import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.train.ArrayBackend;
import dev.neurite.runtime.train.FakeModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process killed while saving never leaves a damaged checkpoint under the final name. */
class CheckpointKillTest {

    private static final int KILL_WINDOW_MILLIS = 40;

    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesAnIntactCheckpoint() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CheckpointWriterProcess.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            String line;
            do {
                line = out.readLine();
                assertNotNull(line, "the writer process ended before its third save:\n" + output);
                output.append(line).append('\n');
            } while (!line.equals("saving 3"));
            // Kill at a random moment early in the third save, while its data is being written: a save that
            // wrote to the final name directly would be caught truncated most of the time.
            Thread.sleep(new Random().nextInt(KILL_WINDOW_MILLIS));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }

        Path file = dir.resolve("last.safetensors");
        FakeModel model = new FakeModel("Big", CheckpointWriterProcess.SIZE, CheckpointWriterProcess.SIZE,
                LossKind.MSE, 0.1, 1, 0);
        Map<String, String> metadata = Checkpoint.load(file, model);

        int iteration = Integer.parseInt(metadata.get("iteration"));
        assertTrue(iteration >= 2);
        assertEquals(iteration, model.optimizer().steps());
        for (float value : ArrayBackend.array(model.parameters()).data()) {
            assertEquals(iteration, value);
        }
        for (float value : ArrayBackend.array(model.optimizer().state().get("momentum_buffer")).data()) {
            assertEquals(-iteration, value);
        }
        try (var files = Files.list(dir)) {
            List<String> checkpoints = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".safetensors")).toList();
            assertEquals(List.of("last.safetensors"), checkpoints, "temporary files never look like checkpoints");
        }
    }
}
