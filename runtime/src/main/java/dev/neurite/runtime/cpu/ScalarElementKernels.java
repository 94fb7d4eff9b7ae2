package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Activation;

/**
 * {@link ElementKernels} in plain Java loops, for JVMs started without {@code jdk.incubator.vector}. Computes
 * the same float operations, in the same order, as {@link VectorElementKernels}.
 */
final class ScalarElementKernels extends ElementKernels {

    @Override
    String description() {
        return "scalar element-wise kernels";
    }

    @Override
    void biasActivation(float[] y, int yAt, float[] bias, int biasAt, int rows, int cols,
                        Activation act, float alpha) {
        for (int r = 0; r < rows; r++) {
            biasActivationColumns(y, yAt + r * cols, bias, biasAt, 0, cols, act, alpha);
        }
    }

    /** {@link #biasActivation} for the columns {@code [from, to)} of the one row starting at {@code rowAt}. */
    void biasActivationColumns(float[] y, int rowAt, float[] bias, int biasAt, int from, int to,
                               Activation act, float alpha) {
        for (int j = from; j < to; j++) {
            float z = bias == null ? y[rowAt + j] : y[rowAt + j] + bias[biasAt + j];
            y[rowAt + j] = activate(act, alpha, z);
        }
    }

    @Override
    void activationBackward(Activation act, float alpha, float[] x, int xAt, float[] dy, int dyAt,
                            float[] dx, int dxAt, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = dy[dyAt + i];
            dx[dxAt + i] = switch (act) {
                case RELU -> x[xAt + i] > 0f ? g : 0f;
                case LEAKY_RELU -> x[xAt + i] > 0f ? g : g * alpha;
                default -> g;
            };
        }
    }

    @Override
    void columnSums(float[] g, int gAt, int ld, int rows, int cols, float[] sums, int sumsAt) {
        columnSums(g, gAt, ld, rows, cols, 0, sums, sumsAt);
    }

    /** {@link #columnSums} for the columns {@code [from, cols)} only. */
    void columnSums(float[] g, int gAt, int ld, int rows, int cols, int from, float[] sums, int sumsAt) {
        for (int j = from; j < cols; j++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += g[gAt + r * ld + j];
            }
            sums[sumsAt + j] = sum;
        }
    }

    @Override
    void adam(float[] p, int pAt, float[] g, int gAt, float[] m, int mAt, float[] v, int vAt,
              int from, int to, AdamScalars s) {
        for (int i = from; i < to; i++) {
            float param = p[pAt + i];
            float grad = s.l2 == 0f ? g[gAt + i] : Math.fma(s.l2, param, g[gAt + i]);
            float mean = Math.fma(s.oneMinusBeta1, grad, s.beta1 * m[mAt + i]);
            float square = Math.fma(s.oneMinusBeta2 * grad, grad, s.beta2 * v[vAt + i]);
            mean = Math.abs(mean) < SUBNORMAL_LIMIT ? 0f : mean;
            square = Math.abs(square) < SUBNORMAL_LIMIT ? 0f : square;
            m[mAt + i] = mean;
            v[vAt + i] = square;
            float denominator = Math.fma((float) Math.sqrt(square), s.invBiasCorrection2Sqrt, s.eps);
            p[pAt + i] = (s.decay == 1f ? param : param * s.decay) - s.stepSize * mean / denominator;
        }
    }

    private static float activate(Activation act, float alpha, float z) {
        return switch (act) {
            case RELU -> z > 0f ? z : 0f;
            case LEAKY_RELU -> z > 0f ? z : z * alpha;
            default -> z;
        };
    }
}
