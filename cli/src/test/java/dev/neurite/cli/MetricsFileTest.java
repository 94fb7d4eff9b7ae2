package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neurite train --metrics FILE}: the JSON that bench/compare.sh reads. */
class MetricsFileTest {

    @Test
    void trainWritesOneJsonObjectWithEveryFieldAndNullForWhatItCouldNotMeasure(@TempDir Path dir)
            throws IOException {
        Path metrics = dir.resolve("metrics").resolve("xor.json");
        CliRun train = CliRun.of("train", CliRun.example("xor.nn"), "--model", "Xor", "--epochs", "3", "--out",
                dir.resolve("run").toString(), "--metrics", metrics.toString());
        assertEquals(0, train.exit(), train.err());

        JsonObject json = JsonParser.parseString(Files.readString(metrics)).getAsJsonObject();
        assertEquals(List.of("framework", "backend", "epochs", "startup_seconds", "compile_seconds",
                "first_step_seconds", "epoch_seconds", "seconds_per_epoch", "samples_per_second", "test_accuracy",
                "inference_64", "inference_1024", "peak_rss_mb"), List.copyOf(json.keySet()));
        assertEquals("Neurite", json.get("framework").getAsString());
        assertTrue(json.get("backend").getAsString().startsWith("cpu ("), json.toString());
        assertEquals(3, json.get("epochs").getAsInt());
        JsonArray epochs = json.getAsJsonArray("epoch_seconds");
        assertEquals(3, epochs.size(), json.toString());
        for (var seconds : epochs) {
            assertTrue(seconds.getAsDouble() >= 0, json.toString());
        }
        assertTrue(json.get("startup_seconds").getAsDouble() > 0, json.toString());
        assertTrue(json.get("first_step_seconds").getAsDouble() >= json.get("startup_seconds").getAsDouble(),
                json.toString());
        // XOR's four test points are fewer than one inference batch of 64: not measured, so null.
        assertTrue(json.get("inference_64").isJsonNull(), json.toString());
        assertTrue(json.get("inference_1024").isJsonNull(), json.toString());
        try (var files = Files.list(metrics.getParent())) {
            assertEquals(List.of("xor.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "written in one piece, no temporary file left");
        }
    }
}
