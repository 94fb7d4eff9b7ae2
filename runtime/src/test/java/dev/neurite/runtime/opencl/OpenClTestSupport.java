package dev.neurite.runtime.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurite.runtime.backend.Buffer;
import java.util.Random;

/** Opens the first OpenCL device or skips the test, and compares device results with double references. */
final class OpenClTestSupport {

    /** Sizes that are not multiples of any vector width or work-group size. */
    static final int[] AWKWARD_SIZES = {1, 63, 65, 513};

    private OpenClTestSupport() {
    }

    /** Skips the calling test (an assumption, not a failure) when this machine has no OpenCL device. */
    static void assumeOpenClDevice() {
        String reason;
        try {
            OpenClDevices.list();
            reason = null;
        } catch (OpenClUnavailableException e) {
            reason = e.getMessage();
        }
        assumeTrue(reason == null, "OpenCL tests skipped: " + reason);
    }

    static double[] random(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (random.nextDouble() * 2 - 1) * scale;
        }
        return values;
    }

    /** Rounds to float, as the device sees the input, so the reference starts from the same numbers. */
    static double[] asFloats(double[] values) {
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        return rounded;
    }

    static Buffer upload(OpenClBackend backend, double[] values) {
        Buffer buffer = backend.allocate(values.length);
        backend.writeDoubles(buffer, values, 0, values.length);
        return buffer;
    }

    static double[] download(OpenClBackend backend, Buffer buffer, int length) {
        double[] values = new double[length];
        backend.readDoubles(buffer, values, 0, length);
        return values;
    }

    /**
     * Asserts {@code max |actual - expected| <= tolerance * max |expected|} (the error relative to the
     * result's scale, which stays meaningful where single elements are near zero).
     */
    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(actual[i] - expected[i]));
        }
        double relative = error / Math.max(scale, 1e-30);
        assertTrue(relative <= tolerance || error == 0,
                () -> what + ": relative error " + relative + " exceeds " + tolerance);
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        assertClose(new double[] {expected}, new double[] {actual}, tolerance, what);
    }
}
