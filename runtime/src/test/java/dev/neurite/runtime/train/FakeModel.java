package dev.neurite.runtime.train;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.model.Model;
import dev.neurite.runtime.model.ModelInfo;
import dev.neurite.runtime.model.ParameterTensor;
import dev.neurite.runtime.optim.Optimizer;
import dev.neurite.runtime.optim.OptimizerKind;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A test-only model: one dense layer {@code dense1} ({@code [out, in]} weight and {@code [out]} bias) trained
 * by SGD with momentum, written in plain Java on an {@link ArrayBackend}. Deterministic, so runs can be compared
 * bit for bit. Cross-entropy on logits with class-index targets, MSE, or BCE on one logit.
 */
public final class FakeModel implements Model {

    private final ModelInfo info;
    private final int in;
    private final int out;
    private final int maxBatch;
    private final ArrayBackend backend = new ArrayBackend();
    private final Buffer parameters;
    private final Buffer gradients;
    private final MomentumSgd optimizer;
    private final float[] logits;

    public FakeModel(String name, int in, int out, LossKind loss, double lr, int maxBatch, long seed) {
        this.in = in;
        this.out = out;
        this.maxBatch = maxBatch;
        List<ParameterTensor> tensors = List.of(new ParameterTensor("dense1.weight", List.of(out, in), 0),
                new ParameterTensor("dense1.bias", List.of(out), out * in));
        OptimizerSpec spec = new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", lr, "momentum", 0.9,
                "dampening", 0.0, "weight_decay", 0.0, "nesterov", 0.0));
        this.info = new ModelInfo(name, "fakehash", List.of(in), out, loss, spec, tensors);
        this.parameters = backend.allocate(info.parameterCount());
        this.gradients = backend.allocate(info.parameterCount());
        this.optimizer = new MomentumSgd(spec, backend.allocate(info.parameterCount()));
        this.logits = new float[maxBatch * out];
        Random random = new Random(seed);
        float[] p = ArrayBackend.array(parameters).data();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() * 2 - 1) / Math.sqrt(in));
        }
    }

    /** Sets the weight to the identity and the bias to 0, so the logits are the inputs ({@code in == out}). */
    public FakeModel identity() {
        float[] p = ArrayBackend.array(parameters).data();
        java.util.Arrays.fill(p, 0);
        for (int i = 0; i < Math.min(in, out); i++) {
            p[i * in + i] = 1;
        }
        return this;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public void forward(float[] input, int inputOffset, int batch, float[] result) {
        float[] p = ArrayBackend.array(parameters).data();
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                float sum = p[out * in + o];
                for (int i = 0; i < in; i++) {
                    sum += p[o * in + i] * input[inputOffset + b * in + i];
                }
                result[b * out + o] = sum;
            }
        }
    }

    @Override
    public double trainStep(float[] input, float[] targets, int batch) {
        forward(input, batch, logits);
        float[] dlogits = new float[batch * out];
        double loss = loss(targets, batch, logits, dlogits);
        float[] g = ArrayBackend.array(gradients).data();
        java.util.Arrays.fill(g, 0);
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
                float d = dlogits[b * out + o];
                for (int i = 0; i < in; i++) {
                    g[o * in + i] += d * input[b * in + i];
                }
                g[out * in + o] += d;
            }
        }
        optimizer.step(parameters, gradients);
        return loss;
    }

    @Override
    public double evaluate(float[] input, float[] targets, int batch, float[] result) {
        forward(input, batch, result);
        return loss(targets, batch, result, new float[batch * out]);
    }

    /** Mean loss of the batch; writes d(loss)/d(logits) into {@code dlogits}. */
    private double loss(float[] targets, int batch, float[] z, float[] dlogits) {
        double total = 0;
        for (int b = 0; b < batch; b++) {
            switch (info.loss()) {
                case CROSS_ENTROPY -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < out; o++) {
                        max = Math.max(max, z[b * out + o]);
                    }
                    double sum = 0;
                    for (int o = 0; o < out; o++) {
                        sum += Math.exp(z[b * out + o] - max);
                    }
                    int target = (int) targets[b];
                    total += Math.log(sum) + max - z[b * out + target];
                    for (int o = 0; o < out; o++) {
                        double softmax = Math.exp(z[b * out + o] - max) / sum;
                        dlogits[b * out + o] = (float) ((softmax - (o == target ? 1 : 0)) / batch);
                    }
                }
                case MSE -> {
                    for (int o = 0; o < out; o++) {
                        double diff = z[b * out + o] - targets[b * out + o];
                        total += diff * diff / out;
                        dlogits[b * out + o] = (float) (2 * diff / (batch * out));
                    }
                }
                case BINARY_CROSS_ENTROPY -> {
                    double x = z[b];
                    double t = targets[b];
                    total += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
                    dlogits[b] = (float) ((1 / (1 + Math.exp(-x)) - t) / batch);
                }
            }
        }
        return total / batch;
    }

    @Override
    public Buffer parameters() {
        return parameters;
    }

    @Override
    public Buffer gradients() {
        return gradients;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
    }

    /** {@code buf = momentum * buf + g; p -= lr * buf}. */
    private static final class MomentumSgd implements Optimizer {
        private final OptimizerSpec spec;
        private final Buffer momentum;
        private long steps;

        MomentumSgd(OptimizerSpec spec, Buffer momentum) {
            this.spec = spec;
            this.momentum = momentum;
        }

        @Override
        public OptimizerSpec spec() {
            return spec;
        }

        @Override
        public void step(Buffer params, Buffer grads) {
            float[] p = ArrayBackend.array(params).data();
            float[] g = ArrayBackend.array(grads).data();
            float[] m = ArrayBackend.array(momentum).data();
            float lr = (float) spec.get("lr");
            float mu = (float) spec.get("momentum");
            for (int i = 0; i < p.length; i++) {
                m[i] = steps == 0 ? g[i] : mu * m[i] + g[i];
                p[i] -= lr * m[i];
            }
            steps++;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public void setSteps(long steps) {
            this.steps = steps;
        }

        @Override
        public Map<String, Buffer> state() {
            return Map.of("momentum_buffer", momentum);
        }
    }
}
