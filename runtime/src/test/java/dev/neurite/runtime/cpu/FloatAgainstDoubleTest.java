package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.cpu.BackendPair.Tensor;
import dev.neurite.runtime.optim.Optimizer;
import dev.neurite.runtime.optim.OptimizerKind;
import dev.neurite.runtime.optim.OptimizerSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kernel of the float {@link CpuBackend} against the {@link DoubleCpuBackend} reference on random inputs of
 * awkward sizes (1, 63, 65, 513: below, around and above the block sizes a fast GEMM uses).
 */
class FloatAgainstDoubleTest {

    private static final double ELEMENTWISE = 1e-5;
    private static final double REDUCTION = 1e-4;
    private static final int[][] LINEAR_SHAPES = {{1, 1, 1}, {63, 65, 1}, {65, 63, 513}, {1, 513, 65}, {513, 65, 63}};

    private final BackendPair pair = new BackendPair(2, 42);

    @AfterEach
    void close() {
        pair.close();
    }

    @Test
    void linearLayersForwardAndBackward() {
        for (int[] shape : LINEAR_SHAPES) {
            int batch = shape[0];
            int in = shape[1];
            int out = shape[2];
            String at = " [batch " + batch + ", in " + in + ", out " + out + "]";
            Tensor x = pair.gaussian(batch * in, 1);
            Tensor w = pair.gaussian(out * in, 1 / Math.sqrt(in));
            Tensor bias = pair.gaussian(out, 1);
            Tensor y = pair.zeros(batch * out);
            Tensor dy = pair.gaussian(batch * out, 1);
            Tensor dx = pair.zeros(batch * in);
            Tensor dw = pair.zeros(out * in);
            Tensor db = pair.zeros(out);
            for (Activation act : Activation.values()) {
                pair.run((b, s) -> b.linearForward(x.on(s), w.on(s), bias.on(s), y.on(s), batch, in, out, act, 0.1));
                if (act != Activation.STEP) { // a step output flips where the float sum rounds across 0
                    pair.assertClose("linearForward " + act + at, y, REDUCTION);
                }
            }
            pair.run((b, s) -> b.linearForward(x.on(s), w.on(s), null, y.on(s), batch, in, out,
                    Activation.IDENTITY, 0));
            pair.assertClose("linearForward without bias" + at, y, REDUCTION);
            pair.run((b, s) -> b.linearBackwardInput(dy.on(s), w.on(s), dx.on(s), batch, in, out));
            pair.assertClose("linearBackwardInput" + at, dx, REDUCTION);
            pair.run((b, s) -> b.linearBackwardParams(dy.on(s), x.on(s), dw.on(s), db.on(s), batch, in, out));
            pair.assertClose("linearBackwardParams dw" + at, dw, REDUCTION);
            pair.assertClose("linearBackwardParams dbias" + at, db, REDUCTION);
        }
    }

    @Test
    void gemmInEveryTransposition() {
        int[][] shapes = {{1, 1, 1}, {63, 65, 513}, {65, 1, 63}, {1, 513, 65}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    Tensor a = pair.gaussian(m * k, 1);
                    Tensor b = pair.gaussian(k * n, 1);
                    Tensor c = pair.gaussian(m * n, 1);
                    pair.run((be, s) -> be.gemm(transA, transB, m, n, k, 0.7, a.on(s), b.on(s), -0.3, c.on(s)));
                    pair.assertClose("gemm " + m + "x" + n + "x" + k + " transA " + transA + " transB " + transB,
                            c, REDUCTION);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 513})
    void activationsForwardAndBackward(int n) {
        Tensor x = pair.gaussian(n, 3);
        Tensor y = pair.zeros(n);
        Tensor dy = pair.gaussian(n, 1);
        Tensor dx = pair.zeros(n);
        for (Activation act : Activation.values()) {
            pair.run((b, s) -> b.activationForward(act, 0.2, x.on(s), y.on(s), n));
            pair.assertClose(act + " forward, n " + n, y, ELEMENTWISE);
            pair.run((b, s) -> b.activationBackward(act, 0.2, x.on(s), y.on(s), dy.on(s), dx.on(s), n));
            pair.assertClose(act + " backward, n " + n, dx, ELEMENTWISE);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 513})
    void softmaxForwardAndBackward(int cols) {
        int rows = 65;
        Tensor x = pair.gaussian(rows * cols, 4);
        Tensor y = pair.zeros(rows * cols);
        Tensor dy = pair.gaussian(rows * cols, 1);
        Tensor dx = pair.zeros(rows * cols);
        pair.run((b, s) -> b.softmaxForward(x.on(s), y.on(s), rows, cols));
        pair.assertClose("softmax forward, cols " + cols, y, ELEMENTWISE);
        pair.run((b, s) -> b.softmaxBackward(y.on(s), dy.on(s), dx.on(s), rows, cols));
        pair.assertClose("softmax backward, cols " + cols, dx, REDUCTION);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 513})
    void dropoutDrawsTheSameMaskAndMultiplyAgrees(int n) {
        Tensor x = pair.gaussian(n, 1);
        Tensor mask = pair.zeros(n);
        Tensor y = pair.zeros(n);
        pair.run((b, s) -> b.dropoutForward(x.on(s), mask.on(s), y.on(s), n, 0.3, 1234L * n));
        double[] floatMask = pair.floatValues(mask);
        double[] doubleMask = pair.doubleValues(mask);
        for (int i = 0; i < n; i++) {
            assertEquals(doubleMask[i] == 0, floatMask[i] == 0, "element " + i + " kept on one backend only");
        }
        pair.assertClose("dropout mask, n " + n, mask, ELEMENTWISE);
        pair.assertClose("dropout output, n " + n, y, ELEMENTWISE);
        Tensor product = pair.zeros(n);
        pair.run((b, s) -> b.multiply(x.on(s), mask.on(s), product.on(s), n));
        pair.assertClose("multiply, n " + n, product, ELEMENTWISE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 513})
    void losses(int size) {
        int batch = 65;
        double[] loss = new double[2];
        Tensor logits = pair.gaussian(batch * size, 3);
        Tensor grad = pair.zeros(batch * size);
        if (size > 1) {
            Tensor labels = pair.labels(batch, size);
            pair.run((b, s) -> loss[s.ordinal()] = b.softmaxCrossEntropy(logits.on(s), labels.on(s), grad.on(s),
                    batch, size, false));
            assertLossClose("cross-entropy, classes " + size, loss);
            pair.assertClose("cross-entropy gradient, classes " + size, grad, ELEMENTWISE);

            Tensor probabilities = pair.uniform(batch * size, 0, 2.0 / size);
            pair.run((b, s) -> loss[s.ordinal()] = b.softmaxCrossEntropy(logits.on(s), probabilities.on(s),
                    grad.on(s), batch, size, true));
            assertLossClose("one-hot cross-entropy, classes " + size, loss);
            pair.assertClose("one-hot cross-entropy gradient, classes " + size, grad, ELEMENTWISE);
        }
        Tensor targets = pair.gaussian(batch * size, 1);
        pair.run((b, s) -> loss[s.ordinal()] = b.meanSquaredError(logits.on(s), targets.on(s), grad.on(s), batch,
                size));
        assertLossClose("mse, n " + size, loss);
        pair.assertClose("mse gradient, n " + size, grad, ELEMENTWISE);

        Tensor binary = pair.uniform(batch * size, 0, 1);
        pair.run((b, s) -> loss[s.ordinal()] = b.binaryCrossEntropyWithLogits(logits.on(s), binary.on(s),
                grad.on(s), batch, size));
        assertLossClose("bce with logits, n " + size, loss);
        pair.assertClose("bce gradient, n " + size, grad, ELEMENTWISE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 65, 513})
    void optimizerUpdates(int n) {
        List<OptimizerSpec> specs = List.of(
                new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1, "momentum", 0.9, "dampening", 0.1,
                        "weight_decay", 0.01)),
                new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1, "momentum", 0.9,
                        "nesterov", 1.0)),
                new OptimizerSpec(OptimizerKind.ADAM, Map.of("lr", 0.01, "weight_decay", 0.01)),
                new OptimizerSpec(OptimizerKind.ADAMW, Map.of("lr", 0.01)),
                new OptimizerSpec(OptimizerKind.RMSPROP, Map.of("momentum", 0.5, "weight_decay", 0.1)),
                new OptimizerSpec(OptimizerKind.ADAGRAD, Map.of("lr_decay", 0.1)));
        for (OptimizerSpec spec : specs) {
            Tensor params = pair.gaussian(n, 1);
            Optimizer onFloat = Optimizer.create(spec, pair.cpu, n);
            Optimizer onDouble = Optimizer.create(spec, pair.reference, n);
            for (int step = 0; step < 3; step++) {
                Tensor grads = pair.gaussian(n, 1);
                onFloat.step(params.onFloat(), grads.onFloat());
                onDouble.step(params.onDouble(), grads.onDouble());
            }
            pair.assertClose(spec + " parameters after 3 steps, n " + n, params, ELEMENTWISE);
        }
    }

    private static void assertLossClose(String what, double[] loss) {
        double error = Math.abs(loss[0] - loss[1]) / Math.abs(loss[1]);
        assertEquals(0, error, REDUCTION, what + ": float " + loss[0] + " vs double " + loss[1]);
    }
}
