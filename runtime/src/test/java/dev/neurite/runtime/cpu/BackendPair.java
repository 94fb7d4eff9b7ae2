package dev.neurite.runtime.cpu;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.gradcheck.FiniteDifferences;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float {@link CpuBackend} next to the {@link DoubleCpuBackend} reference, with buffers that hold the same
 * values on both, so a test runs one kernel call on each and compares the results.
 */
final class BackendPair implements AutoCloseable {

    /** Which backend a call runs on. */
    enum Side { FLOAT, DOUBLE }

    /** One kernel call, written once for both backends. */
    interface Call {
        void run(Backend backend, Side side);
    }

    /** A buffer on each backend. */
    record Tensor(Buffer onFloat, Buffer onDouble, int length) {
        Buffer on(Side side) {
            return side == Side.FLOAT ? onFloat : onDouble;
        }
    }

    final CpuBackend cpu;
    final DoubleCpuBackend reference = new DoubleCpuBackend();
    private final Random random;

    BackendPair(int threads, long seed) {
        cpu = new CpuBackend(threads);
        random = new Random(seed);
    }

    /** Zero-filled on both. */
    Tensor zeros(int length) {
        return new Tensor(cpu.allocate(length), reference.allocate(length), length);
    }

    /** The given values, rounded to float first so both backends start from the same numbers. */
    Tensor of(double[] values) {
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
        }
        Tensor t = zeros(values.length);
        cpu.writeDoubles(t.onFloat(), rounded, 0, rounded.length);
        reference.writeDoubles(t.onDouble(), rounded, 0, rounded.length);
        return t;
    }

    /** Standard normal values times {@code scale}. */
    Tensor gaussian(int length, double scale) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = scale * random.nextGaussian();
        }
        return of(values);
    }

    /** Uniform values in {@code [low, high)}. */
    Tensor uniform(int length, double low, double high) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return of(values);
    }

    /** Class indices in {@code [0, classes)}. */
    Tensor labels(int batch, int classes) {
        double[] values = new double[batch];
        for (int i = 0; i < batch; i++) {
            values[i] = random.nextInt(classes);
        }
        return of(values);
    }

    void run(Call call) {
        call.run(cpu, Side.FLOAT);
        call.run(reference, Side.DOUBLE);
    }

    double[] floatValues(Tensor t) {
        double[] values = new double[t.length()];
        cpu.readDoubles(t.onFloat(), values, 0, t.length());
        return values;
    }

    double[] doubleValues(Tensor t) {
        double[] values = new double[t.length()];
        reference.readDoubles(t.onDouble(), values, 0, t.length());
        return values;
    }

    /** Asserts the float result is within {@code tolerance} (relative, Euclidean norm) of the reference. */
    void assertClose(String what, Tensor t, double tolerance) {
        double error = FiniteDifferences.relativeError(floatValues(t), doubleValues(t));
        assertTrue(error < tolerance, what + ": float vs double relative error " + error + " >= " + tolerance);
    }

    @Override
    public void close() {
        cpu.close();
        reference.close();
    }
}
