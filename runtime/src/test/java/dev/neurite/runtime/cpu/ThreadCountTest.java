package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.backend.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link CpuBackend}'s results are bitwise identical whatever number of threads it uses. */
class ThreadCountTest {

    private static final int BATCH = 65;
    private static final int IN = 513;
    private static final int OUT = 63;

    @Test
    void denseLayerResultsDoNotDependOnThreads() {
        float[][] expected = denseLayer(1);
        for (int threads : new int[] {2, 3, 4}) {
            float[][] actual = denseLayer(threads);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], "output " + i + " with " + threads + " threads");
            }
        }
    }

    /** Forward with bias and GELU, then both backward kernels; returns y, dx, dw and dbias. */
    private static float[][] denseLayer(int threads) {
        try (CpuBackend backend = new CpuBackend(threads)) {
            Random random = new Random(5);
            Buffer x = upload(backend, random, BATCH * IN);
            Buffer w = upload(backend, random, OUT * IN);
            Buffer bias = upload(backend, random, OUT);
            Buffer dy = upload(backend, random, BATCH * OUT);
            Buffer y = backend.allocate(BATCH * OUT);
            Buffer dx = backend.allocate(BATCH * IN);
            Buffer dw = backend.allocate(OUT * IN);
            Buffer dbias = backend.allocate(OUT);
            backend.linearForward(x, w, bias, y, BATCH, IN, OUT, Activation.GELU, 0);
            backend.linearBackwardInput(dy, w, dx, BATCH, IN, OUT);
            backend.linearBackwardParams(dy, x, dw, dbias, BATCH, IN, OUT);
            return new float[][] {download(backend, y), download(backend, dx), download(backend, dw),
                    download(backend, dbias)};
        }
    }

    private static Buffer upload(CpuBackend backend, Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Buffer buffer = backend.allocate(length);
        backend.write(buffer, values, 0, length);
        return buffer;
    }

    private static float[] download(CpuBackend backend, Buffer buffer) {
        float[] values = new float[buffer.length()];
        backend.read(buffer, values, 0, values.length);
        return values;
    }
}
