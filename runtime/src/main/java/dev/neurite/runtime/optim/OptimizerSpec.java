package dev.neurite.runtime.optim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An optimizer and all of its hyper-parameters, defaults already filled in, for example
 * {@code adam{lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0}}.
 *
 * <p>Argument names are those of the language: {@code lr, momentum, dampening, weight_decay, nesterov} (sgd;
 * nesterov is 0 or 1), {@code lr, beta1, beta2, eps, weight_decay} (adam, adamw), {@code lr, alpha, eps,
 * weight_decay, momentum} (rmsprop), {@code lr, lr_decay, weight_decay, eps} (adagrad), {@code lr} (perceptron).
 *
 * @param kind which update rule
 * @param args every hyper-parameter by name, sorted by name
 */
public record OptimizerSpec(OptimizerKind kind, Map<String, Double> args) {

    /** The hyper-parameters that are switches rather than numbers. */
    private static final Set<String> FLAGS = Set.of("nesterov");

    public OptimizerSpec {
        args = java.util.Collections.unmodifiableMap(new TreeMap<>(args));
    }

    /** The value of a hyper-parameter; fails if the spec lacks it (the checker fills in every default). */
    public double get(String name) {
        Double value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException(kind + " has no hyper-parameter '" + name + "'");
        }
        return value;
    }

    /** The value of a hyper-parameter, or {@code fallback} when absent. */
    public double get(String name, double fallback) {
        return args.getOrDefault(name, fallback);
    }

    /** True when the hyper-parameter {@code name} is a switch stored as 0 or 1, such as sgd's {@code nesterov}. */
    public static boolean isFlag(String name) {
        return FLAGS.contains(name);
    }
}
