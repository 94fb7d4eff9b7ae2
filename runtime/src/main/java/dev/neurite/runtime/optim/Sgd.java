package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

/**
 * {@code torch.optim.SGD}: optional weight decay, momentum with dampening, and Nesterov momentum. The momentum
 * buffer ({@code momentum_buffer}) exists only when momentum is not zero; on the first step it is set to the
 * gradient, as in PyTorch. The perceptron rule is this optimizer with only a learning rate.
 */
final class Sgd extends BaseOptimizer {

    private final double lr;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final Buffer momentumBuffer;

    Sgd(OptimizerSpec spec, Backend backend, int parameterCount,
        double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(spec, backend, parameterCount);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd with nesterov = true needs momentum > 0 and dampening = 0");
        }
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.momentumBuffer = momentum != 0 ? stateBuffer("momentum_buffer") : null;
    }

    @Override
    protected void update(Buffer params, Buffer grads, long step) {
        backend.sgdUpdate(params, grads, momentumBuffer, parameterCount, lr, momentum, dampening, weightDecay,
                nesterov, step == 1);
    }
}
