package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.asFloats;
import static dev.neurite.runtime.opencl.OpenClTestSupport.assertClose;
import static dev.neurite.runtime.opencl.OpenClTestSupport.download;
import static dev.neurite.runtime.opencl.OpenClTestSupport.random;
import static dev.neurite.runtime.opencl.OpenClTestSupport.upload;

import dev.neurite.runtime.backend.Buffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both GEMM kernels in all four transpose cases against the double reference, on awkward shapes. */
class GemmKernelTest {

    /** {m, n, k}: every awkward size appears in every position, and no shape is a whole number of tiles. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {63, 65, 1}, {65, 63, 513}, {513, 1, 65}, {1, 513, 63}, {63, 513, 65}, {65, 65, 63}
    };

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (GemmKernel kernel : GemmKernel.values()) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    cases.add(Arguments.of(kernel, transA, transB));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("cases")
    void gemmMatchesReferenceOnAwkwardShapes(GemmKernel kernel, boolean transA, boolean transB) {
        OpenClTestSupport.assumeOpenClDevice();
        Random random = new Random(7);
        try (OpenClBackend backend = OpenClBackend.open(0, kernel)) {
            for (int[] shape : SHAPES) {
                int m = shape[0];
                int n = shape[1];
                int k = shape[2];
                double[] a = asFloats(random(random, m * k, 1));
                double[] b = asFloats(random(random, k * n, 1));
                double[] c = asFloats(random(random, m * n, 1));
                for (double[] alphaBeta : new double[][] {{1, 0}, {0.5, 2}}) {
                    Buffer cBuffer = upload(backend, c);
                    backend.gemm(transA, transB, m, n, k, alphaBeta[0], upload(backend, a), upload(backend, b),
                            alphaBeta[1], cBuffer);
                    double[] expected = NaiveReference.gemm(transA, transB, m, n, k, alphaBeta[0], a, b,
                            alphaBeta[1], c);
                    assertClose(expected, download(backend, cBuffer, m * n), 1e-5,
                            "gemm " + m + "x" + n + "x" + k + " alpha=" + alphaBeta[0] + " beta=" + alphaBeta[1]);
                }
            }
        }
    }
}
