package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.random;

import dev.neurite.runtime.opencl.ReferenceCheck.Pair;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both GEMM kernels in all four transpose cases against {@code DoubleCpuBackend}, on awkward shapes. */
class GemmKernelTest {

    /** {m, n, k}: every awkward size appears in every position, and no shape is a whole number of tiles. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {63, 65, 1}, {65, 63, 513}, {513, 1, 65}, {1, 513, 63}, {63, 513, 65}, {65, 65, 63}
    };

    static Stream<Arguments> kernels() {
        return Stream.of(GemmKernel.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void gemmMatchesTheDoubleReferenceInEveryTransposeCase(GemmKernel kernel) {
        OpenClTestSupport.assumeOpenClDevice();
        Random random = new Random(7);
        try (OpenClBackend backend = OpenClBackend.open(0, kernel)) {
            ReferenceCheck check = new ReferenceCheck(backend);
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (int[] shape : SHAPES) {
                        int m = shape[0];
                        int n = shape[1];
                        int k = shape[2];
                        Pair a = check.upload(random(random, m * k, 1));
                        Pair b = check.upload(random(random, k * n, 1));
                        for (double[] alphaBeta : new double[][] {{1, 0}, {0.5, 2}}) {
                            Pair c = check.upload(random(random, m * n, 1));
                            check.run(on -> on.gemm(transA, transB, m, n, k, alphaBeta[0], a.on(on), b.on(on),
                                    alphaBeta[1], c.on(on)));
                            check.assertClose(c, m * n, 1e-5, "gemm transA=" + transA + " transB=" + transB + " "
                                    + m + "x" + n + "x" + k + " alpha=" + alphaBeta[0] + " beta=" + alphaBeta[1]);
                        }
                    }
                }
            }
        }
    }
}
