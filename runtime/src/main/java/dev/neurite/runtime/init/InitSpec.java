package dev.neurite.runtime.init;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A weight initialisation and its arguments, for example {@code normal{mean=0, std=0.01}}. Argument names:
 * {@code mean, std} (normal), {@code low, high} (uniform), {@code gain} (xavier); the checker fills in defaults.
 */
public record InitSpec(InitKind kind, Map<String, Double> args) {

    public static final InitSpec DEFAULT = new InitSpec(InitKind.DEFAULT, Map.of());

    public InitSpec {
        args = Collections.unmodifiableMap(new TreeMap<>(args));
    }

    public double get(String name, double fallback) {
        return args.getOrDefault(name, fallback);
    }
}
