package dev.neurite.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.io.AtomicFiles;
import dev.neurite.runtime.model.Model;
import dev.neurite.runtime.train.EpochResult;
import dev.neurite.runtime.train.Metrics;
import dev.neurite.runtime.train.TrainingResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine-readable result of {@code neurite train --metrics FILE}, for benchmarks (bench/compare.sh): one
 * JSON object with start-up time, training throughput, test accuracy, inference throughput at batch 64 and
 * {@value #LARGE_BATCH}, and the process's peak resident memory; a value that could not be measured is null.
 * Written with Gson, in one piece ({@link AtomicFiles}).
 */
final class MetricsFile {

    /** The larger inference batch measured; the model must be built for at least this many samples. */
    static final int LARGE_BATCH = 1024;
    /**
     * How long each inference rate is measured, after {@link #INFERENCE_WARM_UP_SECONDS} of the same forward
     * passes untimed (bench/pytorch_train.py does the same): a steady-state rate, as a server would see it. A
     * batch of 1024 takes code paths that training at batch 64 never ran, and measured from the first call it
     * came out ~20% lower on fashion_mnist.nn while the JIT compiled them.
     */
    private static final double INFERENCE_SECONDS = 2.0;
    private static final double INFERENCE_WARM_UP_SECONDS = 1.0;

    private MetricsFile() {
    }

    /**
     * Measures inference on {@code test} and writes everything to {@code file}.
     *
     * @param trainSamples   training samples per epoch
     * @param startupSeconds   from JVM start until the model was ready to train (parse, generate, compile, load)
     * @param firstStepSeconds from JVM start until the first training step (start-up and loading the data)
     */
    static void write(Path file, Model model, Dataset test, int trainSamples, TrainingResult result,
                      Metrics testMetrics, double compileSeconds, double startupSeconds, double firstStepSeconds)
            throws IOException {
        JsonArray epochSeconds = new JsonArray();
        double trainSeconds = 0;
        long samples = 0;
        for (EpochResult epoch : result.epochs()) {
            // Training time only: the epoch's seconds also include validation and the checkpoint.
            double seconds = trainSamples / epoch.samplesPerSecond();
            epochSeconds.add(number(seconds));
            trainSeconds += seconds;
            samples += trainSamples;
        }
        int epochs = result.epochs().size();
        JsonObject json = new JsonObject();
        json.addProperty("framework", "Neurite");
        json.addProperty("backend", model.backend().name());
        json.addProperty("epochs", epochs);
        json.add("startup_seconds", number(startupSeconds));
        json.add("compile_seconds", number(compileSeconds));
        json.add("first_step_seconds", number(firstStepSeconds));
        json.add("epoch_seconds", epochSeconds);
        json.add("seconds_per_epoch", number(epochs == 0 ? 0 : trainSeconds / epochs));
        json.add("samples_per_second", number(trainSeconds == 0 ? 0 : samples / trainSeconds));
        json.add("test_accuracy", number(testMetrics == null ? Double.NaN : testMetrics.accuracy()));
        json.add("inference_64", number(inferenceRate(model, test, 64)));
        json.add("inference_1024", number(inferenceRate(model, test, LARGE_BATCH)));
        json.add("peak_rss_mb", number(peakRssMegabytes()));
        String text = new GsonBuilder().serializeNulls().create().toJson(json) + "\n";
        AtomicFiles.write(file, path -> Files.writeString(path, text, StandardCharsets.UTF_8));
    }

    /** Forward passes (no gradients) per second over the test set in batches of {@code batch}. */
    private static double inferenceRate(Model model, Dataset test, int batch) {
        if (test == null || test.count() < batch || model.maxBatch() < batch) {
            return Double.NaN;
        }
        float[] features = test.features();
        int size = test.featureSize();
        float[] logits = new float[batch * model.info().outputSize()];
        int batches = test.count() / batch;
        int b = 0;
        long warmUpEnd = System.nanoTime() + (long) (INFERENCE_WARM_UP_SECONDS * 1e9);
        for (; System.nanoTime() < warmUpEnd; b = (b + 1) % batches) {
            model.forward(features, b * batch * size, batch, logits);
        }
        long samples = 0;
        long start = System.nanoTime();
        long end = start + (long) (INFERENCE_SECONDS * 1e9);
        for (; System.nanoTime() < end; b = (b + 1) % batches) {
            model.forward(features, b * batch * size, batch, logits);
            samples += batch;
        }
        return samples / ((System.nanoTime() - start) / 1e9);
    }

    /** VmHWM of /proc/self/status in MB, or NaN where there is no such file. */
    private static double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Seconds since the JVM started. */
    static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    /** A value rounded to 4 decimals, or null for one that was not measured (NaN). */
    private static JsonElement number(double value) {
        return Double.isFinite(value)
                ? new JsonPrimitive(BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN))
                : JsonNull.INSTANCE;
    }
}
