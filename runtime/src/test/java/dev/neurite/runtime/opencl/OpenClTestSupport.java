package dev.neurite.runtime.opencl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

/** Skips tests on machines without OpenCL, and the inputs the kernel tests share. */
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

    /** {@code n} uniform values in {@code [-scale, scale)}, already rounded to float as a device would see them. */
    static double[] random(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }
}
