package dev.neurite.runtime.cpu;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.gradcheck.FiniteDifferences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Activations, softmax and losses of both CPU backends against PyTorch 1.13's values on the same inputs
 * ({@code fixtures/kernels.json}, written by {@code tools/reference/kernels.py}).
 */
class PyTorchKernelReferenceTest {

    private static final JsonObject FIXTURE = Fixtures.load("kernels.json");

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("double", (Supplier<Backend>) DoubleCpuBackend::new, 1e-12),
                Arguments.of("float", (Supplier<Backend>) () -> new CpuBackend(1), 1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void activations(String name, Supplier<Backend> factory, double tolerance) {
        try (Backend backend = factory.get()) {
            for (JsonElement element : FIXTURE.getAsJsonArray("activations")) {
                JsonObject c = element.getAsJsonObject();
                Activation act = Activation.valueOf(c.get("name").getAsString());
                double alpha = c.get("alpha").getAsDouble();
                double[] x = Fixtures.doubles(c.get("x"));
                int n = x.length;
                Buffer xb = upload(backend, x);
                Buffer yb = backend.allocate(n);
                Buffer dyb = upload(backend, Fixtures.doubles(c.get("dy")));
                Buffer dxb = backend.allocate(n);
                backend.activationForward(act, alpha, xb, yb, n);
                backend.activationBackward(act, alpha, xb, yb, dyb, dxb, n);
                assertClose(act + " forward", Fixtures.doubles(c.get("y")), download(backend, yb), tolerance);
                assertClose(act + " backward", Fixtures.doubles(c.get("dx")), download(backend, dxb), tolerance);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void softmax(String name, Supplier<Backend> factory, double tolerance) {
        try (Backend backend = factory.get()) {
            JsonObject c = FIXTURE.getAsJsonObject("softmax");
            int rows = c.get("rows").getAsInt();
            int cols = c.get("cols").getAsInt();
            Buffer x = upload(backend, Fixtures.doubles(c.get("x")));
            Buffer y = backend.allocate(rows * cols);
            Buffer dy = upload(backend, Fixtures.doubles(c.get("dy")));
            Buffer dx = backend.allocate(rows * cols);
            backend.softmaxForward(x, y, rows, cols);
            backend.softmaxBackward(y, dy, dx, rows, cols);
            assertClose("softmax forward", Fixtures.doubles(c.get("y")), download(backend, y), tolerance);
            assertClose("softmax backward", Fixtures.doubles(c.get("dx")), download(backend, dx), tolerance);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void losses(String name, Supplier<Backend> factory, double tolerance) {
        try (Backend backend = factory.get()) {
            JsonObject losses = FIXTURE.getAsJsonObject("losses");
            for (String loss : losses.keySet()) {
                JsonObject c = losses.getAsJsonObject(loss);
                int batch = c.get("batch").getAsInt();
                int n = c.get("n").getAsInt();
                Buffer inputs = upload(backend, Fixtures.doubles(c.get("inputs")));
                Buffer targets = upload(backend, Fixtures.doubles(c.get("targets")));
                Buffer gradient = backend.allocate(batch * n);
                double value = switch (loss) {
                    case "cross_entropy" -> backend.softmaxCrossEntropy(inputs, targets, gradient, batch, n, false);
                    case "cross_entropy_one_hot" ->
                            backend.softmaxCrossEntropy(inputs, targets, gradient, batch, n, true);
                    case "mse" -> backend.meanSquaredError(inputs, targets, gradient, batch, n);
                    case "bce_with_logits" -> backend.binaryCrossEntropyWithLogits(inputs, targets, gradient, batch, n);
                    default -> throw new AssertionError("fixture has an unknown loss " + loss);
                };
                double expected = c.get("loss").getAsDouble();
                assertEquals(expected, value, tolerance * Math.abs(expected), loss + " value");
                assertClose(loss + " gradient", Fixtures.doubles(c.get("gradient")), download(backend, gradient),
                        tolerance);
            }
        }
    }

    private static Buffer upload(Backend backend, double[] values) {
        Buffer buffer = backend.allocate(values.length);
        backend.writeDoubles(buffer, values, 0, values.length);
        return buffer;
    }

    private static double[] download(Backend backend, Buffer buffer) {
        double[] values = new double[buffer.length()];
        backend.readDoubles(buffer, values, 0, values.length);
        return values;
    }

    private static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        double error = FiniteDifferences.relativeError(actual, expected);
        assertTrue(error < tolerance, what + ": relative error to PyTorch " + error + " >= " + tolerance);
    }
}
