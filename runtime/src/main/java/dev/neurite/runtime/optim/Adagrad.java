package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

/**
 * {@code torch.optim.Adagrad} with a zero initial accumulator. State: the running sum of squared gradients,
 * {@code sum}; the learning rate decays as {@code lr / (1 + (step - 1) * lr_decay)}.
 */
final class Adagrad extends BaseOptimizer {

    private final double lr;
    private final double lrDecay;
    private final double weightDecay;
    private final double eps;
    private final Buffer sum;

    Adagrad(OptimizerSpec spec, Backend backend, int parameterCount,
            double lr, double lrDecay, double weightDecay, double eps) {
        super(spec, backend, parameterCount);
        this.lr = lr;
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.eps = eps;
        this.sum = stateBuffer("sum");
    }

    @Override
    protected void update(Buffer params, Buffer grads, long step) {
        backend.adagradUpdate(params, grads, sum, parameterCount, lr, lrDecay, weightDecay, eps, step);
    }
}
