package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

import java.util.Map;

/**
 * An optimizer over one flat parameter buffer: its state (moments, momentum buffers) lives in backend buffers
 * of the same length, and one {@link #step} updates every parameter in a single pass.
 */
public interface Optimizer {

    /** Creates the optimizer {@code spec} names for {@code parameterCount} parameters on {@code backend}. */
    static Optimizer create(OptimizerSpec spec, Backend backend, int parameterCount) {
        throw new UnsupportedOperationException("not yet implemented");
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
