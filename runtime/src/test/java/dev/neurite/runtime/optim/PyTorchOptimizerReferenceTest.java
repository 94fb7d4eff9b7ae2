package dev.neurite.runtime.optim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import dev.neurite.runtime.cpu.Fixtures;
import dev.neurite.runtime.gradcheck.FiniteDifferences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optimizer configuration replayed on both CPU backends against the parameters and state PyTorch 1.13
 * produced from the same start and gradients ({@code fixtures/optimizers.json}, from
 * {@code tools/reference/optimizers.py}).
 */
class PyTorchOptimizerReferenceTest {

    private static final JsonObject FIXTURE = Fixtures.load("optimizers.json");

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (JsonElement c : FIXTURE.getAsJsonArray("cases")) {
            String name = c.getAsJsonObject().get("name").getAsString();
            cases.add(Arguments.of(name, "double", c.getAsJsonObject(), 1e-12));
            cases.add(Arguments.of(name, "float", c.getAsJsonObject(), 1e-5));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesPyTorch(String name, String backendName, JsonObject c, double tolerance) {
        try (Backend backend = backendName.equals("double") ? new DoubleCpuBackend() : new CpuBackend(1)) {
            double[] initial = Fixtures.doubles(FIXTURE.get("params"));
            int n = initial.length;
            Map<String, Double> args = new TreeMap<>();
            c.getAsJsonObject("args").entrySet().forEach(e -> args.put(e.getKey(), e.getValue().getAsDouble()));
            Optimizer optimizer = Optimizer.create(
                    new OptimizerSpec(OptimizerKind.valueOf(c.get("kind").getAsString()), args), backend, n);

            Buffer params = backend.allocate(n);
            Buffer grads = backend.allocate(n);
            backend.writeDoubles(params, initial, 0, n);
            int step = 0;
            for (JsonElement grad : FIXTURE.getAsJsonArray("grads")) {
                backend.writeDoubles(grads, Fixtures.doubles(grad), 0, n);
                optimizer.step(params, grads);
                double[] expected = Fixtures.doubles(c.getAsJsonArray("expected").get(step));
                step++;
                assertClose(name + " parameters after step " + step, expected, read(backend, params), tolerance);
            }
            assertEquals(step, optimizer.steps());

            JsonObject state = c.getAsJsonObject("state");
            assertEquals(state.keySet(), optimizer.state().keySet(), name + " state names");
            for (String key : state.keySet()) {
                assertClose(name + " state " + key, Fixtures.doubles(state.get(key)),
                        read(backend, optimizer.state().get(key)), tolerance);
            }
        }
    }

    private static double[] read(Backend backend, Buffer buffer) {
        double[] values = new double[buffer.length()];
        backend.readDoubles(buffer, values, 0, values.length);
        return values;
    }

    private static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        double error = FiniteDifferences.relativeError(actual, expected);
        assertTrue(error < tolerance, what + ": relative error to PyTorch " + error + " >= " + tolerance);
    }
}
