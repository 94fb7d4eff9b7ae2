package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.optim.Optimizer;
import dev.neurite.runtime.optim.OptimizerKind;
import dev.neurite.runtime.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A training step on {@link CpuBackend} must create no garbage: after warm-up, 100 repetitions of the kernels of a
 * training step (two dense layers with dropout, every loss, every optimizer) allocate 0 bytes on this thread. The
 * matrix-product kernels and the rest are measured separately so that a failure says which side allocates.
 */
class AllocationFreeTest {

    private static final int BATCH = 8;
    private static final int IN = 20;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 4;

    private final CpuBackend backend = new CpuBackend(1);
    private final Buffer x = random(BATCH * IN);
    private final Buffer w1 = random(HIDDEN * IN);
    private final Buffer b1 = random(HIDDEN);
    private final Buffer h = backend.allocate(BATCH * HIDDEN);
    private final Buffer mask = backend.allocate(BATCH * HIDDEN);
    private final Buffer dropped = backend.allocate(BATCH * HIDDEN);
    private final Buffer w2 = random(CLASSES * HIDDEN);
    private final Buffer logits = backend.allocate(BATCH * CLASSES);
    private final Buffer probabilities = backend.allocate(BATCH * CLASSES);
    private final Buffer labels = backend.allocate(BATCH);
    private final Buffer targets = random(BATCH * CLASSES);
    private final Buffer dlogits = backend.allocate(BATCH * CLASSES);
    private final Buffer dw1 = backend.allocate(HIDDEN * IN);
    private final Buffer db1 = backend.allocate(HIDDEN);
    private final Buffer dw2 = backend.allocate(CLASSES * HIDDEN);
    private final Buffer dh = backend.allocate(BATCH * HIDDEN);
    private final Buffer c = backend.allocate(BATCH * HIDDEN);
    private final List<Optimizer> optimizers = List.of(
            Optimizer.create(new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1, "momentum", 0.9)), backend,
                    HIDDEN * IN),
            Optimizer.create(new OptimizerSpec(OptimizerKind.ADAMW, Map.of()), backend, HIDDEN * IN),
            Optimizer.create(new OptimizerSpec(OptimizerKind.RMSPROP, Map.of("momentum", 0.5)), backend,
                    HIDDEN * IN),
            Optimizer.create(new OptimizerSpec(OptimizerKind.ADAGRAD, Map.of()), backend, HIDDEN * IN));

    @Test
    void elementwiseLossAndOptimizerKernelsAllocateNothing() {
        assertEquals(0, allocatedBy(this::elementwiseStep), "bytes allocated by 100 element-wise sequences");
    }

    @Test
    void denseLayerKernelsAllocateNothing() {
        assertEquals(0, allocatedBy(this::denseStep),
                "bytes allocated by 100 dense-layer sequences (" + backend.name() + ")");
    }

    /** Bytes this thread allocates in 100 calls of {@code step}, after 20000 warm-up calls. */
    private static long allocatedBy(LongConsumer step) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            step.accept(i);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100; i++) {
            step.accept(i);
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    /** The matrix-product kernels of two dense layers, forward and backward. */
    private void denseStep(long seed) {
        backend.linearForward(x, w1, b1, h, BATCH, IN, HIDDEN, Activation.GELU, 0);
        backend.linearForward(dropped, w2, null, logits, BATCH, HIDDEN, CLASSES, Activation.IDENTITY, 0);
        backend.linearForward(x, w1, b1, h, BATCH, IN, HIDDEN, Activation.RELU, 0);
        backend.linearBackwardParams(dlogits, dropped, dw2, null, BATCH, HIDDEN, CLASSES);
        backend.linearBackwardInput(dlogits, w2, dh, BATCH, HIDDEN, CLASSES, Activation.RELU, 0, h);
        backend.linearBackwardInput(dlogits, w2, dh, BATCH, HIDDEN, CLASSES);
        backend.linearBackwardParams(dh, x, dw1, db1, BATCH, IN, HIDDEN);
        backend.gemm(true, false, BATCH, HIDDEN, BATCH, 1, dh, dh, 0.5, c);
    }

    /** Everything else a training step runs: dropout, activations, softmax, every loss, every optimizer. */
    private void elementwiseStep(long seed) {
        backend.activationForward(Activation.GELU, 0, h, h, BATCH * HIDDEN);
        backend.dropoutForward(h, mask, dropped, BATCH * HIDDEN, 0.25, seed);
        backend.softmaxCrossEntropy(logits, labels, dlogits, BATCH, CLASSES, false);
        backend.softmaxCrossEntropy(logits, targets, dlogits, BATCH, CLASSES, true);
        backend.meanSquaredError(logits, targets, dlogits, BATCH, CLASSES);
        backend.binaryCrossEntropyWithLogits(logits, targets, dlogits, BATCH, CLASSES);
        backend.softmaxForward(logits, probabilities, BATCH, CLASSES);
        backend.softmaxBackward(probabilities, dlogits, dlogits, BATCH, CLASSES);
        backend.multiply(dh, mask, dh, BATCH * HIDDEN);
        backend.activationBackward(Activation.TANH, 0, h, h, dh, dh, BATCH * HIDDEN);
        backend.fill(db1, 0.01, HIDDEN);
        for (int i = 0; i < optimizers.size(); i++) { // an index, as an iterator would allocate
            optimizers.get(i).step(w1, dw1);
        }
    }

    private Buffer random(int length) {
        double[] values = new Random(length).doubles(length, -0.1, 0.1).toArray();
        Buffer buffer = backend.allocate(length);
        backend.writeDoubles(buffer, values, 0, length);
        return buffer;
    }
}
