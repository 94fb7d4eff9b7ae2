package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.AWKWARD_SIZES;
import static dev.neurite.runtime.opencl.OpenClTestSupport.random;

import dev.neurite.runtime.opencl.ReferenceCheck.Pair;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three steps of every optimizer update against {@code DoubleCpuBackend}, each step with fresh gradients,
 * comparing the parameters and the optimizer state after every step (relative error within 1e-5).
 */
class OpenClOptimizersTest {

    private static final double TOLERANCE = 1e-5;
    private static final int STEPS = 3;

    private static OpenClBackend backend;
    private static ReferenceCheck check;
    private final Random random = new Random(3);

    @BeforeAll
    static void openDevice() {
        OpenClTestSupport.assumeOpenClDevice();
        backend = OpenClBackend.open(0);
        check = new ReferenceCheck(backend);
    }

    @AfterAll
    static void closeDevice() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void sgdPlainWithMomentumDampeningAndNesterov() {
        // {momentum, dampening, weightDecay, nesterov}
        for (double[] settings : new double[][] {{0, 0, 0, 0}, {0, 0, 0.1, 0}, {0.9, 0.2, 0.01, 0}, {0.9, 0, 0.01, 1}}) {
            double momentum = settings[0];
            boolean nesterov = settings[3] == 1;
            for (int n : AWKWARD_SIZES) {
                Pair params = check.upload(random(random, n, 1));
                Pair buffer = momentum == 0 ? null : check.allocate(n);
                for (int step = 1; step <= STEPS; step++) {
                    Pair grads = check.upload(random(random, n, 1));
                    boolean first = step == 1;
                    check.run(b -> b.sgdUpdate(params.on(b), grads.on(b), buffer == null ? null : buffer.on(b), n,
                            0.1, momentum, settings[1], settings[2], nesterov, first));
                    String what = "sgd " + Arrays.toString(settings) + " n=" + n + " step " + step;
                    check.assertClose(params, n, TOLERANCE, what);
                    if (buffer != null) {
                        check.assertClose(buffer, n, TOLERANCE, what + " momentum");
                    }
                }
            }
        }
    }

    @Test
    void adamAndAdamWWithBiasCorrection() {
        for (boolean decoupled : new boolean[] {false, true}) {
            for (int n : AWKWARD_SIZES) {
                Pair params = check.upload(random(random, n, 1));
                Pair m = check.allocate(n);
                Pair v = check.allocate(n);
                for (int step = 1; step <= STEPS; step++) {
                    Pair grads = check.upload(random(random, n, 1));
                    long t = step;
                    check.run(b -> b.adamUpdate(params.on(b), grads.on(b), m.on(b), v.on(b), n, 0.01, 0.9, 0.999,
                            1e-8, 0.05, decoupled, t));
                    String what = (decoupled ? "adamw" : "adam") + " n=" + n + " step " + step;
                    check.assertClose(params, n, TOLERANCE, what);
                    check.assertClose(m, n, TOLERANCE, what + " m");
                    check.assertClose(v, n, TOLERANCE, what + " v");
                }
            }
        }
    }

    @Test
    void rmspropWithAndWithoutMomentum() {
        for (double momentum : new double[] {0, 0.5}) {
            for (int n : AWKWARD_SIZES) {
                Pair params = check.upload(random(random, n, 1));
                Pair squareAvg = check.allocate(n);
                Pair buffer = momentum > 0 ? check.allocate(n) : null;
                for (int step = 1; step <= STEPS; step++) {
                    Pair grads = check.upload(random(random, n, 1));
                    check.run(b -> b.rmspropUpdate(params.on(b), grads.on(b), squareAvg.on(b),
                            buffer == null ? null : buffer.on(b), n, 0.01, 0.99, 1e-8, 0.01, momentum));
                    String what = "rmsprop momentum=" + momentum + " n=" + n + " step " + step;
                    check.assertClose(params, n, TOLERANCE, what);
                    check.assertClose(squareAvg, n, TOLERANCE, what + " square average");
                    if (buffer != null) {
                        check.assertClose(buffer, n, TOLERANCE, what + " momentum");
                    }
                }
            }
        }
    }

    @Test
    void adagradWithLearningRateDecay() {
        for (int n : AWKWARD_SIZES) {
            Pair params = check.upload(random(random, n, 1));
            Pair sum = check.allocate(n);
            for (int step = 1; step <= STEPS; step++) {
                Pair grads = check.upload(random(random, n, 1));
                long t = step;
                check.run(b -> b.adagradUpdate(params.on(b), grads.on(b), sum.on(b), n, 0.1, 0.01, 0.01, 1e-10, t));
                String what = "adagrad n=" + n + " step " + step;
                check.assertClose(params, n, TOLERANCE, what);
                check.assertClose(sum, n, TOLERANCE, what + " sum");
            }
        }
    }
}
