package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

/**
 * {@code torch.optim.RMSprop}, not centered. State: {@code square_avg}, and {@code momentum_buffer} when momentum
 * is not zero.
 */
final class RmsProp extends BaseOptimizer {

    private final double lr;
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final Buffer squareAvg;
    private final Buffer momentumBuffer;

    RmsProp(OptimizerSpec spec, Backend backend, int parameterCount,
            double lr, double alpha, double eps, double weightDecay, double momentum) {
        super(spec, backend, parameterCount);
        this.lr = lr;
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.squareAvg = stateBuffer("square_avg");
        this.momentumBuffer = momentum != 0 ? stateBuffer("momentum_buffer") : null;
    }

    @Override
    protected void update(Buffer params, Buffer grads, long step) {
        backend.rmspropUpdate(params, grads, squareAvg, momentumBuffer, parameterCount, lr, alpha, eps,
                weightDecay, momentum);
    }
}
