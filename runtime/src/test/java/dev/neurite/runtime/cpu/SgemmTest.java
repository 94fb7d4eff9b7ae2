package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SgemmTest {

    /** Sizes around the tile edges (vector kernels: 8 x 32 and 32 x 8, scalar kernel: 4 x 4) and the k block (256). */
    private static final int[][] SIZES = {
            {1, 1, 1}, {1, 33, 7}, {7, 1, 9}, {63, 65, 1}, {65, 63, 257}, {8, 32, 256}, {17, 95, 513},
            {64, 10, 512}, {130, 70, 63}, {9, 513, 65}, {6, 31, 40}, {33, 3, 17},
    };

    static Stream<Arguments> implementations() {
        return Stream.of(
                Arguments.of("vector, wide tiles", (IntFunction<Sgemm>) threads -> new VectorSgemm(threads, true)),
                Arguments.of("vector, narrow tiles",
                        (IntFunction<Sgemm>) threads -> new VectorSgemm(threads, false)),
                Arguments.of("scalar", (IntFunction<Sgemm>) ScalarSgemm::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void matchesDoublePrecisionReferenceForEveryTransposeCaseAndAwkwardSize(String name, IntFunction<Sgemm> factory) {
        try (Sgemm gemm = factory.apply(2)) {
            for (int[] size : SIZES) {
                for (int cas = 0; cas < 4; cas++) {
                    Problem problem = new Problem(cas >= 2, cas % 2 == 1, size[0], size[1], size[2], 1.5f, 0.5f);
                    problem.check(gemm);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void resultsAreBitwiseIdenticalForOneTwoAndThreeThreads(String name, IntFunction<Sgemm> factory) {
        // {1030, 10, 515}: the narrow transB product of the dot-product kernel, split over rows, k % 16 != 0.
        // {61, 530, 70}: the broadcast kernel with its columns split, one block of rows and a partial sliver;
        // {130, 600, 70}: the same with three blocks, whose slivers the threads pack for each other. Beta 0 too: the
        // broadcast kernel then stores rows of C as vectors.
        int[][] sizes = {{64, 512, 784}, {512, 784, 64}, {300, 90, 600}, {33, 700, 257}, {1030, 10, 515},
            {61, 530, 70}, {130, 600, 70}};
        for (int[] size : sizes) {
            for (int cas = 0; cas < 8; cas++) {
                float[] first = null;
                for (int threads = 1; threads <= 3; threads++) {
                    float beta = cas >= 4 ? 0f : 0.25f;
                    Problem problem = new Problem(cas % 4 >= 2, cas % 2 == 1, size[0], size[1], size[2], 1f, beta);
                    try (Sgemm gemm = factory.apply(threads)) {
                        float[] c = problem.run(gemm);
                        if (first == null) {
                            first = c;
                        } else {
                            assertArrayEquals(first, c, "threads=" + threads + " " + problem);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void honoursOffsetsAndLeadingDimensionsAndLeavesTheRestOfCUntouched(String name, IntFunction<Sgemm> factory) {
        try (Sgemm gemm = factory.apply(2)) {
            for (int cas = 0; cas < 4; cas++) {
                Problem problem = new Problem(cas >= 2, cas % 2 == 1, 37, 41, 300, 1f, 1f);
                problem.padding = 11;
                problem.offset = 5;
                problem.check(gemm);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void betaZeroOverwritesNaNsInC(String name, IntFunction<Sgemm> factory) {
        try (Sgemm gemm = factory.apply(2)) {
            for (int cas = 0; cas < 4; cas++) {
                // With beta == 0 the problem fills C with NaN; check() fails on any NaN in the result.
                new Problem(cas >= 2, cas % 2 == 1, 70, 90, 300, 2f, 0f).check(gemm);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void emptyKScalesCByBeta(String name, IntFunction<Sgemm> factory) {
        try (Sgemm gemm = factory.apply(1)) {
            float[] c = {1f, 2f, 3f, 4f, 5f, 6f};
            gemm.multiply(false, false, 2, 3, 0, 1f, new float[0], 0, 1, new float[0], 0, 3, 0.5f, c, 0, 3);
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f, 2.5f, 3f}, c);
            Arrays.fill(c, Float.NaN);
            gemm.multiply(false, false, 2, 3, 0, 1f, new float[0], 0, 1, new float[0], 0, 3, 0f, c, 0, 3);
            assertArrayEquals(new float[6], c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aPackedForOneCallIsNeverReusedByTheNext(String name, IntFunction<Sgemm> factory) {
        // A thread keeps the A it packed for its next chunk of columns of the same call. The next call may pass
        // the same array at the same offset with other values (the next batch): it must pack them afresh.
        // Shapes split by columns: the broadcast kernel (A * B^T) and the packed one with 1 and 4 k blocks.
        int[][] sizes = {{64, 512, 784}, {64, 512, 200}, {33, 700, 257}};
        for (int[] size : sizes) {
            for (int cas = 0; cas < 4; cas++) {
                Problem problem = new Problem(cas >= 2, cas % 2 == 1, size[0], size[1], size[2], 1f, 0f);
                try (Sgemm reused = factory.apply(2); Sgemm fresh = factory.apply(2)) {
                    problem.run(reused);
                    for (int i = 0; i < problem.a.length; i++) {
                        problem.a[i] = -0.5f * problem.a[i] + 0.25f;
                    }
                    assertArrayEquals(problem.run(fresh), problem.run(reused), problem.toString());
                }
            }
        }
    }

    @ParameterizedTest(name = "wide tiles: {0}")
    @ValueSource(booleans = {true, false})
    void vectorProductWithTransposedBIsBitwiseThePackedProductWithBTransposedFirst(boolean wideTiles) {
        // A * B^T (n >= 32) goes through the broadcast kernel, which reads B in place; A * (B^T stored) goes
        // through the packed kernel. Both must form every element as the same chain of fused multiply-adds (what
        // the forward pass computed before the broadcast kernel existed). Shapes: a forward layer, tile edges,
        // rows split into 32 per thread with several spilled blocks of columns, partial blocks of both widths.
        int[][] sizes = {{64, 512, 784}, {33, 45, 300}, {1, 32, 1}, {200, 37, 513}, {9, 513, 65},
            {64, 128, 100}, {61, 130, 50}, {130, 266, 40}};
        try (Sgemm gemm = new VectorSgemm(2, wideTiles)) {
            for (int[] size : sizes) {
                int m = size[0];
                int n = size[1];
                int k = size[2];
                Problem problem = new Problem(false, true, m, n, k, 1f, 0f);
                float[] inPlace = problem.run(gemm);
                float[] bTransposed = new float[k * n];
                for (int j = 0; j < n; j++) {
                    for (int q = 0; q < k; q++) {
                        bTransposed[q * n + j] = problem.b[j * k + q];
                    }
                }
                float[] packed = new float[m * n];
                gemm.multiply(false, false, m, n, k, 1f, problem.a, 0, k, bTransposed, 0, n, 0f, packed, 0, n);
                assertArrayEquals(packed, inPlace, "m=" + m + " n=" + n + " k=" + k);
            }
        }
    }

    @Test
    void wideAndNarrowBroadcastTilesGiveBitwiseTheSameProduct() {
        // The tile is chosen by CPU vendor (VectorSgemm.wideTilesByDefault): results must not depend on it. Blocks
        // of 33-64 rows take the wide tile when it is on; alpha and beta other than 1 and 0 take the scaled store.
        int[][] sizes = {{64, 512, 784}, {40, 100, 33}, {64, 47, 300}, {130, 266, 40}, {61, 530, 70}};
        float[][] alphaBeta = {{1f, 0f}, {1.5f, 0.5f}, {1f, 1f}};
        try (Sgemm wide = new VectorSgemm(2, true); Sgemm narrow = new VectorSgemm(2, false)) {
            for (int[] size : sizes) {
                for (float[] ab : alphaBeta) {
                    Problem problem = new Problem(false, true, size[0], size[1], size[2], ab[0], ab[1]);
                    assertArrayEquals(problem.run(narrow), problem.run(wide), problem.toString());
                }
            }
        }
    }

    @Test
    void wideTilesFollowTheSystemPropertyWhenItIsSet() {
        String before = System.getProperty(VectorSgemm.WIDE_TILES_PROPERTY);
        try {
            System.setProperty(VectorSgemm.WIDE_TILES_PROPERTY, "true");
            assertTrue(VectorSgemm.wideTilesByDefault());
            try (Sgemm wide = new VectorSgemm(1)) {
                int rows = 2 * VectorBroadcastProducts.TILE_ROWS;
                assertTrue(wide.description().contains(", " + rows + "x6 forward tiles, "), wide.description());
            }
            System.setProperty(VectorSgemm.WIDE_TILES_PROPERTY, "false");
            assertFalse(VectorSgemm.wideTilesByDefault());
            try (Sgemm narrow = new VectorSgemm(1)) {
                int rows = VectorBroadcastProducts.TILE_ROWS;
                assertTrue(narrow.description().contains(", " + rows + "x8 forward tiles, "), narrow.description());
            }
            System.clearProperty(VectorSgemm.WIDE_TILES_PROPERTY);
            assertEquals(CpuVendor.CURRENT == CpuVendor.INTEL, VectorSgemm.wideTilesByDefault());
        } finally {
            if (before == null) {
                System.clearProperty(VectorSgemm.WIDE_TILES_PROPERTY);
            } else {
                System.setProperty(VectorSgemm.WIDE_TILES_PROPERTY, before);
            }
        }
    }

    @Test
    void createPicksTheVectorKernelWhenTheModuleIsPresent() {
        // Surefire starts the test JVM with --add-modules jdk.incubator.vector.
        try (Sgemm gemm = Sgemm.create(2)) {
            assertTrue(gemm instanceof VectorSgemm, gemm.description());
            assertTrue(gemm.description().startsWith("vector API "), gemm.description());
            assertTrue(gemm.description().endsWith(", 2 threads"), gemm.description());
        }
        assertThrows(IllegalArgumentException.class, () -> Sgemm.create(0));
    }

    @Test
    void createFallsBackToScalarWithoutTheModule() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SgemmWithoutVectorModule.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), output);
        assertEquals("scalar fallback (start the JVM with --add-modules jdk.incubator.vector for SIMD), 1 thread"
                + " 19.0", output);
    }

    /** One random product, computed by a GEMM and checked against a double-precision reference. */
    private static final class Problem {
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final float alpha;
        final float beta;
        int padding;
        int offset;
        private final SplittableRandom random = new SplittableRandom(7);

        Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
        }

        int lda() {
            return (transA ? m : k) + padding;
        }

        int ldb() {
            return (transB ? k : n) + padding;
        }

        int ldc() {
            return n + padding;
        }

        private float[] randomArray(int length) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            return values;
        }

        private float[] a;
        private float[] b;
        private float[] c0;

        private void fill() {
            if (a != null) {
                return;
            }
            a = randomArray(offset + (transA ? k : m) * lda());
            b = randomArray(offset + (transB ? n : k) * ldb());
            c0 = randomArray(offset + m * ldc());
            if (beta == 0f) {
                Arrays.fill(c0, Float.NaN);
            }
        }

        float[] run(Sgemm gemm) {
            fill();
            float[] c = c0.clone();
            gemm.multiply(transA, transB, m, n, k, alpha, a, offset, lda(), b, offset, ldb(), beta, c, offset, ldc());
            return c;
        }

        void check(Sgemm gemm) {
            float[] c = run(gemm);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double product = (double) at(a, transA, i, p, lda()) * at(b, transB, p, j, ldb());
                        sum += product;
                        magnitude += Math.abs(product);
                    }
                    int index = offset + i * ldc() + j;
                    double scaledC = beta == 0f ? 0 : (double) beta * c0[index];
                    double expected = alpha * sum + scaledC;
                    // Float rounding grows like sqrt(k) times the size of the terms (unit roundoff 6e-8).
                    double tolerance = 2e-7 * (Math.abs(alpha) * magnitude * Math.sqrt(k) + Math.abs(scaledC)) + 1e-30;
                    if (!(Math.abs(c[index] - expected) <= tolerance)) {
                        fail(this + ": C[" + i + "," + j + "] = " + c[index] + ", expected " + expected);
                    }
                }
            }
            // Elements outside the m x n window (offset and row padding) are untouched.
            for (int index = 0; index < c.length; index++) {
                int column = (index - offset) % ldc();
                if (index < offset || column >= n) {
                    assertEquals(Float.floatToRawIntBits(c0[index]), Float.floatToRawIntBits(c[index]),
                            this + ": element " + index + " outside C was written");
                }
            }
        }

        private float at(float[] x, boolean transposed, int row, int column, int ld) {
            return transposed ? x[offset + column * ld + row] : x[offset + row * ld + column];
        }

        @Override
        public String toString() {
            return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k;
        }
    }
}
