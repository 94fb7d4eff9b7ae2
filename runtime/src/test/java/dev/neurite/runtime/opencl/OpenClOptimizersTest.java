package dev.neurite.runtime.opencl;

import static dev.neurite.runtime.opencl.OpenClTestSupport.AWKWARD_SIZES;
import static dev.neurite.runtime.opencl.OpenClTestSupport.asFloats;
import static dev.neurite.runtime.opencl.OpenClTestSupport.assertClose;
import static dev.neurite.runtime.opencl.OpenClTestSupport.download;
import static dev.neurite.runtime.opencl.OpenClTestSupport.random;
import static dev.neurite.runtime.opencl.OpenClTestSupport.upload;

import dev.neurite.runtime.backend.Buffer;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three steps of every optimizer update against the torch.optim formulas in double, each step with fresh
 * gradients, comparing parameters and optimizer state after every step.
 */
class OpenClOptimizersTest {

    private static final double TOLERANCE = 1e-5;
    private static final int STEPS = 3;

    private static OpenClBackend backend;
    private final Random random = new Random(3);

    @BeforeAll
    static void openDevice() {
        OpenClTestSupport.assumeOpenClDevice();
        backend = OpenClBackend.open(0);
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
            for (int n : AWKWARD_SIZES) {
                double momentum = settings[0];
                double dampening = settings[1];
                double weightDecay = settings[2];
                boolean nesterov = settings[3] == 1;
                double[] p = asFloats(random(random, n, 1));
                double[] buf = new double[n];
                Buffer params = upload(backend, p);
                Buffer momentumBuffer = momentum == 0 ? null : backend.allocate(n);
                for (int step = 1; step <= STEPS; step++) {
                    double[] g = asFloats(random(random, n, 1));
                    for (int i = 0; i < n; i++) {
                        double grad = g[i] + weightDecay * p[i];
                        if (momentum != 0) {
                            buf[i] = step == 1 ? grad : momentum * buf[i] + (1 - dampening) * grad;
                            grad = nesterov ? grad + momentum * buf[i] : buf[i];
                        }
                        p[i] -= 0.1 * grad;
                    }
                    backend.sgdUpdate(params, upload(backend, g), momentumBuffer, n, 0.1, momentum, dampening,
                            weightDecay, nesterov, step == 1);
                    String what = "sgd " + java.util.Arrays.toString(settings) + " n=" + n + " step " + step;
                    assertClose(p, download(backend, params, n), TOLERANCE, what);
                    if (momentumBuffer != null) {
                        assertClose(buf, download(backend, momentumBuffer, n), TOLERANCE, what + " momentum");
                    }
                }
            }
        }
    }

    @Test
    void adamAndAdamWWithBiasCorrection() {
        for (boolean decoupled : new boolean[] {false, true}) {
            for (int n : AWKWARD_SIZES) {
                double lr = 0.01;
                double beta1 = 0.9;
                double beta2 = 0.999;
                double eps = 1e-8;
                double weightDecay = 0.05;
                double[] p = asFloats(random(random, n, 1));
                double[] m = new double[n];
                double[] v = new double[n];
                Buffer params = upload(backend, p);
                Buffer mBuffer = backend.allocate(n);
                Buffer vBuffer = backend.allocate(n);
                for (int step = 1; step <= STEPS; step++) {
                    double[] g = asFloats(random(random, n, 1));
                    double correction1 = 1 - Math.pow(beta1, step);
                    double correction2 = 1 - Math.pow(beta2, step);
                    for (int i = 0; i < n; i++) {
                        double grad = g[i];
                        if (decoupled) {
                            p[i] *= 1 - lr * weightDecay;
                        } else {
                            grad += weightDecay * p[i];
                        }
                        m[i] = beta1 * m[i] + (1 - beta1) * grad;
                        v[i] = beta2 * v[i] + (1 - beta2) * grad * grad;
                        p[i] -= lr / correction1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(correction2) + eps);
                    }
                    backend.adamUpdate(params, upload(backend, g), mBuffer, vBuffer, n, lr, beta1, beta2, eps,
                            weightDecay, decoupled, step);
                    String what = (decoupled ? "adamw" : "adam") + " n=" + n + " step " + step;
                    assertClose(p, download(backend, params, n), TOLERANCE, what);
                    assertClose(m, download(backend, mBuffer, n), TOLERANCE, what + " m");
                    assertClose(v, download(backend, vBuffer, n), TOLERANCE, what + " v");
                }
            }
        }
    }

    @Test
    void rmspropWithAndWithoutMomentum() {
        for (double momentum : new double[] {0, 0.5}) {
            for (int n : AWKWARD_SIZES) {
                double lr = 0.01;
                double alpha = 0.99;
                double eps = 1e-8;
                double weightDecay = 0.01;
                double[] p = asFloats(random(random, n, 1));
                double[] sq = new double[n];
                double[] buf = new double[n];
                Buffer params = upload(backend, p);
                Buffer squareAvg = backend.allocate(n);
                Buffer momentumBuffer = momentum > 0 ? backend.allocate(n) : null;
                for (int step = 1; step <= STEPS; step++) {
                    double[] g = asFloats(random(random, n, 1));
                    for (int i = 0; i < n; i++) {
                        double grad = g[i] + weightDecay * p[i];
                        sq[i] = alpha * sq[i] + (1 - alpha) * grad * grad;
                        double avg = Math.sqrt(sq[i]) + eps;
                        if (momentum > 0) {
                            buf[i] = momentum * buf[i] + grad / avg;
                            p[i] -= lr * buf[i];
                        } else {
                            p[i] -= lr * grad / avg;
                        }
                    }
                    backend.rmspropUpdate(params, upload(backend, g), squareAvg, momentumBuffer, n, lr, alpha, eps,
                            weightDecay, momentum);
                    String what = "rmsprop momentum=" + momentum + " n=" + n + " step " + step;
                    assertClose(p, download(backend, params, n), TOLERANCE, what);
                    assertClose(sq, download(backend, squareAvg, n), TOLERANCE, what + " square average");
                }
            }
        }
    }

    @Test
    void adagradWithLearningRateDecay() {
        for (int n : AWKWARD_SIZES) {
            double lr = 0.1;
            double lrDecay = 0.01;
            double weightDecay = 0.01;
            double eps = 1e-10;
            double[] p = asFloats(random(random, n, 1));
            double[] sum = new double[n];
            Buffer params = upload(backend, p);
            Buffer sumBuffer = backend.allocate(n);
            for (int step = 1; step <= STEPS; step++) {
                double[] g = asFloats(random(random, n, 1));
                double clr = lr / (1 + (step - 1) * lrDecay);
                for (int i = 0; i < n; i++) {
                    double grad = g[i] + weightDecay * p[i];
                    sum[i] += grad * grad;
                    p[i] -= clr * grad / (Math.sqrt(sum[i]) + eps);
                }
                backend.adagradUpdate(params, upload(backend, g), sumBuffer, n, lr, lrDecay, weightDecay, eps, step);
                String what = "adagrad n=" + n + " step " + step;
                assertClose(p, download(backend, params, n), TOLERANCE, what);
                assertClose(sum, download(backend, sumBuffer, n), TOLERANCE, what + " sum");
            }
        }
    }
}
