package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;

/**
 * {@code torch.optim.Adam} and, with decoupled weight decay, {@code torch.optim.AdamW} (amsgrad off). State:
 * the first and second moment estimates {@code exp_avg} and {@code exp_avg_sq}.
 */
final class Adam extends BaseOptimizer {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Buffer expAvg;
    private final Buffer expAvgSq;

    Adam(OptimizerSpec spec, Backend backend, int parameterCount,
         double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(spec, backend, parameterCount);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.expAvg = stateBuffer("exp_avg");
        this.expAvgSq = stateBuffer("exp_avg_sq");
    }

    @Override
    protected void update(Buffer params, Buffer grads, long step) {
        backend.adamUpdate(params, grads, expAvg, expAvgSq, parameterCount, lr, beta1, beta2, eps, weightDecay,
                decoupled, step);
    }
}
