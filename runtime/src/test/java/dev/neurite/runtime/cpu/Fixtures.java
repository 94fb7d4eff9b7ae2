package dev.neurite.runtime.cpu;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the JSON fixtures under {@code src/test/resources/fixtures} (written by {@code tools/reference}). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture file {@code name}, for example {@code "kernels.json"}, as a JSON object. */
    public static JsonObject load(String name) {
        String resource = "/fixtures/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers, or of arrays of numbers (flattened row by row), as doubles. */
    public static double[] doubles(JsonElement element) {
        JsonArray array = element.getAsJsonArray();
        if (array.size() > 0 && array.get(0).isJsonArray()) {
            return array.asList().stream().flatMapToDouble(row -> Arrays.stream(doubles(row))).toArray();
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }
}
