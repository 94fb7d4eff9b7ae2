package dev.neurite.compiler.codegen;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.model.ParameterTensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated fashion_mnist model against PyTorch on the same weights and inputs: logits, loss and parameter
 * gradients. Reference values come from {@code tools/reference/fashion_parity.py}; weights and inputs follow the
 * closed formulas of that script, recomputed here.
 */
class PyTorchParityTest {

    private static final int BATCH = 8;

    @Test
    void float32PathMatchesPyTorchWithinOneInAHundredThousand() throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            compare(backend, 1e-5);
        }
    }

    @Test
    void doublePathMatchesPyTorchToRoundingError() throws IOException {
        try (Backend backend = new DoubleCpuBackend()) {
            compare(backend, 1e-9);
        }
    }

    private static void compare(Backend backend, double tolerance) throws IOException {
        JsonObject expected = fixture();
        AbstractModel model = Examples.compile("fashion_mnist.nn").get("FashionMlp").create(backend, BATCH, 1);
        int tensorIndex = 0;
        for (ParameterTensor tensor : model.info().parameters()) {
            double[] values = weightValues(tensorIndex++, tensor.size());
            backend.writeDoubles(backend.slice(model.parameters(), tensor.offset(), tensor.size()), values, 0,
                    values.length);
        }
        float[] input = inputValues();
        float[] targets = new float[BATCH];
        for (int b = 0; b < BATCH; b++) {
            targets[b] = b % 10;
        }

        float[] logits = new float[BATCH * 10];
        double evalLoss = model.evaluate(input, targets, BATCH, logits);
        double loss = model.lossAndGradients(input, targets, BATCH);

        assertClose(expected.get("loss").getAsDouble(), loss, tolerance, "loss");
        assertClose(expected.get("loss").getAsDouble(), evalLoss, tolerance, "eval loss");
        var expectedLogits = expected.getAsJsonArray("logits");
        double logitScale = 0;
        for (int i = 0; i < logits.length; i++) {
            logitScale = Math.max(logitScale, Math.abs(expectedLogits.get(i).getAsDouble()));
        }
        // Logits come back through the float[] host API, so they carry float32 rounding on any backend.
        double logitTolerance = Math.max(tolerance, 1e-6) * logitScale;
        for (int i = 0; i < logits.length; i++) {
            assertEquals(expectedLogits.get(i).getAsDouble(), logits[i], logitTolerance, "logit " + i);
        }

        double[] gradients = new double[model.info().parameterCount()];
        backend.readDoubles(model.gradients(), gradients, 0, gradients.length);
        JsonObject expectedGradients = expected.getAsJsonObject("gradients");
        for (ParameterTensor tensor : model.info().parameters()) {
            JsonObject reference = expectedGradients.getAsJsonObject(tensor.name());
            var positions = reference.getAsJsonArray("positions");
            var values = reference.getAsJsonArray("values");
            double absSum = 0;
            for (int i = 0; i < tensor.size(); i++) {
                absSum += Math.abs(gradients[tensor.offset() + i]);
            }
            assertClose(reference.get("abs_sum").getAsDouble(), absSum, tolerance, tensor.name() + " |grad| sum");
            // Individual entries are compared relative to the tensor's mean magnitude: tiny entries carry no
            // meaningful relative precision in float32.
            double scale = reference.get("abs_sum").getAsDouble() / tensor.size();
            for (int i = 0; i < positions.size(); i++) {
                int position = positions.get(i).getAsInt();
                double actual = gradients[tensor.offset() + position];
                double wanted = values.get(i).getAsDouble();
                assertEquals(wanted, actual, tolerance * Math.max(Math.abs(wanted), scale),
                        tensor.name() + "[" + position + "]");
            }
        }
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.max(Math.abs(expected), 1e-12), what);
    }

    private static double[] weightValues(int tensorIndex, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (0.05 * Math.sin(0.731 * i + 1.3 * tensorIndex));
        }
        return values;
    }

    private static float[] inputValues() {
        float[] input = new float[BATCH * 784];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < 784; j++) {
                input[b * 784 + j] = (float) (0.5 + 0.5 * Math.sin(0.013 * (784 * b + j) + 0.1 * b));
            }
        }
        return input;
    }

    private static JsonObject fixture() throws IOException {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                PyTorchParityTest.class.getResourceAsStream("/fixtures/fashion_parity.json")),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(reader).getAsJsonObject();
        }
    }
}
