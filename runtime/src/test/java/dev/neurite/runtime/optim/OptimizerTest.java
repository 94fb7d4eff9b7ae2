package dev.neurite.runtime.optim;

import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Optimizer#create}: state names, step counting and restoring, defaults and invalid settings. */
class OptimizerTest {

    private final DoubleCpuBackend backend = new DoubleCpuBackend();

    @Test
    void stateBuffersUsePyTorchNamesAndOnlyExistWhenNeeded() {
        assertEquals(List.of(), names(new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1))));
        assertEquals(List.of(), names(new OptimizerSpec(OptimizerKind.PERCEPTRON, Map.of("lr", 1.0))));
        assertEquals(List.of("momentum_buffer"),
                names(new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1, "momentum", 0.9))));
        assertEquals(List.of("exp_avg", "exp_avg_sq"), names(new OptimizerSpec(OptimizerKind.ADAM, Map.of())));
        assertEquals(List.of("exp_avg", "exp_avg_sq"), names(new OptimizerSpec(OptimizerKind.ADAMW, Map.of())));
        assertEquals(List.of("square_avg"), names(new OptimizerSpec(OptimizerKind.RMSPROP, Map.of())));
        assertEquals(List.of("square_avg", "momentum_buffer"),
                names(new OptimizerSpec(OptimizerKind.RMSPROP, Map.of("momentum", 0.9))));
        assertEquals(List.of("sum"), names(new OptimizerSpec(OptimizerKind.ADAGRAD, Map.of())));
    }

    @Test
    void countsStepsAndRestoresTheCountFromACheckpoint() {
        OptimizerSpec spec = new OptimizerSpec(OptimizerKind.ADAM, Map.of("lr", 0.1));
        Optimizer optimizer = Optimizer.create(spec, backend, 3);
        Buffer params = backend.allocate(3);
        Buffer grads = backend.allocate(3);
        backend.fill(grads, 1, 3);
        optimizer.step(params, grads);
        optimizer.step(params, grads);
        assertEquals(2, optimizer.steps());
        assertEquals(spec, optimizer.spec());

        // A fresh optimizer with the saved state and step count continues exactly where the first one was.
        Optimizer restored = Optimizer.create(spec, backend, 3);
        for (String name : optimizer.state().keySet()) {
            backend.copy(optimizer.state().get(name), restored.state().get(name), 3);
        }
        restored.setSteps(optimizer.steps());
        Buffer copy = backend.allocate(3);
        backend.copy(params, copy, 3);
        optimizer.step(params, grads);
        restored.step(copy, grads);
        assertArrayEquals(read(params), read(copy));
        assertEquals(3, restored.steps());
    }

    @Test
    void perceptronIsPlainGradientDescentWithItsLearningRate() {
        Optimizer perceptron = Optimizer.create(new OptimizerSpec(OptimizerKind.PERCEPTRON, Map.of("lr", 0.5)),
                backend, 2);
        Buffer params = backend.allocate(2);
        Buffer grads = backend.allocate(2);
        backend.writeDoubles(params, new double[] {1, 2}, 0, 2);
        backend.writeDoubles(grads, new double[] {1, -1}, 0, 2);
        perceptron.step(params, grads);
        assertArrayEquals(new double[] {0.5, 2.5}, read(params));
    }

    @Test
    void rejectsSettingsPyTorchRejects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.create(
                new OptimizerSpec(OptimizerKind.SGD, Map.of("lr", 0.1, "nesterov", 1.0)), backend, 2));
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.create(new OptimizerSpec(OptimizerKind.SGD, Map.of()), backend, 2));
    }

    private List<String> names(OptimizerSpec spec) {
        return List.copyOf(Optimizer.create(spec, backend, 4).state().keySet());
    }

    private double[] read(Buffer buffer) {
        double[] values = new double[buffer.length()];
        backend.readDoubles(buffer, values, 0, values.length);
        return values;
    }
}
