package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

import java.util.Map;

/**
 * An optimizer over one flat parameter buffer: its state (moments, momentum buffers) lives in backend buffers
 * of the same length, and one {@link #step} updates every parameter in a single pass.
 */
public interface Optimizer {

    /**
     * Creates the optimizer {@code spec} names for {@code parameterCount} parameters on {@code backend}, its state
     * buffers zero-filled and its step count at 0. Hyper-parameters missing from the spec take PyTorch 1.13's
     * defaults ({@code sgd} has no default learning rate and fails without one).
     */
    static Optimizer create(OptimizerSpec spec, Backend backend, int parameterCount) {
        return switch (spec.kind()) {
            case SGD -> new Sgd(spec, backend, parameterCount, spec.get("lr"), spec.get("momentum", 0),
                    spec.get("dampening", 0), spec.get("weight_decay", 0), spec.get("nesterov", 0) != 0);
            case PERCEPTRON -> new Sgd(spec, backend, parameterCount, spec.get("lr", 1), 0, 0, 0, false);
            case ADAM, ADAMW -> new Adam(spec, backend, parameterCount, spec.get("lr", 1e-3),
                    spec.get("beta1", 0.9), spec.get("beta2", 0.999), spec.get("eps", 1e-8),
                    spec.get("weight_decay", spec.kind() == OptimizerKind.ADAMW ? 1e-2 : 0),
                    spec.kind() == OptimizerKind.ADAMW);
            case RMSPROP -> new RmsProp(spec, backend, parameterCount, spec.get("lr", 1e-2),
                    spec.get("alpha", 0.99), spec.get("eps", 1e-8), spec.get("weight_decay", 0),
                    spec.get("momentum", 0));
            case ADAGRAD -> new Adagrad(spec, backend, parameterCount, spec.get("lr", 1e-2),
                    spec.get("lr_decay", 0), spec.get("weight_decay", 0), spec.get("eps", 1e-10));
        };
    }

    OptimizerSpec spec();

    /** Applies one update to {@code params} from {@code grads} (both {@code parameterCount} long). */
    void step(Buffer params, Buffer grads);

    /** Updates applied so far (Adam's bias correction and Adagrad's decay depend on it). */
    long steps();

    /** Restores the step count from a checkpoint. */
    void setSteps(long steps);

    /**
     * The state buffers by name, PyTorch's names where they exist ({@code exp_avg}, {@code exp_avg_sq},
     * {@code momentum_buffer}, {@code square_avg}, {@code sum}); empty for plain SGD. Checkpoints save and
     * restore them through the backend.
     */
    Map<String, Buffer> state();
}
