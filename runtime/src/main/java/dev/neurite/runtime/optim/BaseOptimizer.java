package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every optimizer shares: its spec, the backend its state lives on, the step counter and the named state
 * buffers. Subclasses only say how one update is computed.
 */
abstract class BaseOptimizer implements Optimizer {

    protected final OptimizerSpec spec;
    protected final Backend backend;
    protected final int parameterCount;
    private final Map<String, Buffer> state = new LinkedHashMap<>();
    private long steps;

    BaseOptimizer(OptimizerSpec spec, Backend backend, int parameterCount) {
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameter count must not be negative, got " + parameterCount);
        }
        this.spec = spec;
        this.backend = backend;
        this.parameterCount = parameterCount;
    }

    /** Allocates a zero-filled state buffer named {@code name} (PyTorch's state key). */
    protected final Buffer stateBuffer(String name) {
        Buffer buffer = backend.allocate(parameterCount);
        state.put(name, buffer);
        return buffer;
    }

    /** Applies update number {@code step} (counting from 1). */
    protected abstract void update(Buffer params, Buffer grads, long step);

    @Override
    public final void step(Buffer params, Buffer grads) {
        steps++;
        update(params, grads, steps);
    }

    @Override
    public final OptimizerSpec spec() {
        return spec;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must not be negative, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public final Map<String, Buffer> state() {
        return Collections.unmodifiableMap(state);
    }
}
