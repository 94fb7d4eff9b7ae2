package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The work {@link CpuBackend} does in a product's epilogue (bias and activation after the forward product, an
 * activation's derivative after the input gradient, the bias gradient after the weight gradient) gives bitwise
 * what the separate kernels give, whether the threads split the rows of the result or its columns, or do not
 * split it (1 thread).
 */
class FusedEpilogueTest {

    /** Not a whole number of vectors or tiles in any direction. */
    private static final int BATCH = 64;
    private static final int IN = 515;
    private static final int OUT = 130;
    private static final double LEAKY_SLOPE = 0.01;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKY_RELU", "IDENTITY"})
    void forwardBiasAndActivationAreThoseOfTheSeparateSteps(Activation act) {
        for (int threads = 1; threads <= 3; threads++) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                Random random = new Random(11);
                Buffer x = upload(backend, random, BATCH * IN);
                Buffer w = upload(backend, random, OUT * IN);
                float[] bias = values(random, OUT);
                Buffer biasBuffer = backend.allocate(OUT);
                backend.write(biasBuffer, bias, 0, OUT);
                Buffer product = backend.allocate(BATCH * OUT);
                Buffer y = backend.allocate(BATCH * OUT);
                backend.linearForward(x, w, null, product, BATCH, IN, OUT, Activation.IDENTITY, 0);
                backend.linearForward(x, w, biasBuffer, y, BATCH, IN, OUT, act, LEAKY_SLOPE);

                float[] expected = download(backend, product);
                for (int i = 0; i < expected.length; i++) {
                    float z = expected[i] + bias[i % OUT];
                    expected[i] = act == Activation.IDENTITY || z > 0f ? z
                            : act == Activation.RELU ? 0f : z * (float) LEAKY_SLOPE;
                }
                assertArrayEquals(expected, download(backend, y), act + " with " + threads + " threads");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKY_RELU", "TANH", "SIGMOID", "IDENTITY"})
    void inputGradientWithTheDerivativeIsThatOfTheSeparateKernels(Activation act) {
        for (int threads = 1; threads <= 3; threads++) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                Random random = new Random(12);
                Buffer dy = upload(backend, random, BATCH * OUT);
                Buffer w = upload(backend, random, OUT * IN);
                // The output of the activation before the layer: zeros and negative values included.
                Buffer x = backend.allocate(BATCH * IN);
                backend.activationForward(act, LEAKY_SLOPE, upload(backend, random, BATCH * IN), x, BATCH * IN);
                Buffer separate = backend.allocate(BATCH * IN);
                backend.linearBackwardInput(dy, w, separate, BATCH, IN, OUT);
                backend.activationBackward(act, LEAKY_SLOPE, x, x, separate, separate, BATCH * IN);
                Buffer fused = backend.allocate(BATCH * IN);
                backend.linearBackwardInput(dy, w, fused, BATCH, IN, OUT, act, LEAKY_SLOPE, x);

                assertArrayEquals(download(backend, separate), download(backend, fused),
                        act + " with " + threads + " threads");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {130, 37})
    void biasGradientIsTheColumnSumsInRowOrder(int out) {
        // 130 output units: the threads split the rows of the weight gradient; 37: its columns.
        for (int threads = 1; threads <= 3; threads++) {
            try (CpuBackend backend = new CpuBackend(threads)) {
                Random random = new Random(13);
                float[] dyValues = values(random, BATCH * out);
                Buffer dy = backend.allocate(BATCH * out);
                backend.write(dy, dyValues, 0, dyValues.length);
                Buffer x = upload(backend, random, BATCH * IN);
                Buffer dw = backend.allocate(out * IN);
                Buffer dbias = backend.allocate(out);
                backend.fill(dbias, Double.NaN, out);
                backend.linearBackwardParams(dy, x, dw, dbias, BATCH, IN, out);

                float[] expected = new float[out];
                for (int o = 0; o < out; o++) {
                    float sum = 0f;
                    for (int r = 0; r < BATCH; r++) {
                        sum += dyValues[r * out + o];
                    }
                    expected[o] = sum;
                }
                assertArrayEquals(expected, download(backend, dbias), out + " units, " + threads + " threads");
            }
        }
    }

    private static float[] values(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static Buffer upload(CpuBackend backend, Random random, int length) {
        Buffer buffer = backend.allocate(length);
        backend.write(buffer, values(random, length), 0, length);
        return buffer;
    }

    private static float[] download(CpuBackend backend, Buffer buffer) {
        float[] values = new float[buffer.length()];
        backend.read(buffer, values, 0, values.length);
        return values;
    }
}
