package dev.neurite.runtime.data;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a training run's data comes from, as written in a {@code train} block: a source kind and its named
 * arguments (numbers as {@link Double}, text as {@link String}, flags as {@link Boolean}).
 *
 * <p>Kinds: {@code fashion_mnist}, {@code mnist} (IDX files in a directory), {@code idx(train_images,
 * train_labels, test_images, test_labels)}, {@code csv(path, label, test)}, and the synthetic sets
 * {@code spiral(samples, classes)}, {@code vertical(samples, classes)}, {@code xor}, {@code linear(samples,
 * slope)}, which also take a {@code seed}.
 */
public record DataSpec(String kind, Map<String, Object> args) {

    public DataSpec {
        args = Collections.unmodifiableMap(new TreeMap<>(args));
    }

    public static DataSpec of(String kind) {
        return new DataSpec(kind, Map.of());
    }

    public double number(String name, double fallback) {
        Object value = args.get(name);
        return value instanceof Number n ? n.doubleValue() : fallback;
    }

    public String text(String name, String fallback) {
        Object value = args.get(name);
        return value instanceof String s ? s : fallback;
    }
}
