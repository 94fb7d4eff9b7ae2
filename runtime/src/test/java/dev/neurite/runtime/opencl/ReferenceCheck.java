package dev.neurite.runtime.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Runs the same kernel calls on a backend under test (here an {@link OpenClBackend}; any {@link Backend} works)
 * and on {@link DoubleCpuBackend}, the double-precision reference, and compares the results. Inputs are float values, so both backends start from the same numbers
 * and the difference is the device's float32 arithmetic alone.
 *
 * <pre>{@code
 * Pair x = check.upload(values);
 * Pair y = check.allocate(n);
 * check.run(b -> b.activationForward(Activation.RELU, 0, x.on(b), y.on(b), n));
 * check.assertClose(y, n, 1e-5, "relu");
 * }</pre>
 */
final class ReferenceCheck {

    private final Backend device;
    private final Backend reference = new DoubleCpuBackend();

    ReferenceCheck(Backend device) {
        this.device = device;
    }

    /** A buffer on each backend holding {@code values} (which should be floats already). */
    Pair upload(double[] values) {
        Pair pair = allocate(values.length);
        device.writeDoubles(pair.device, values, 0, values.length);
        reference.writeDoubles(pair.reference, values, 0, values.length);
        return pair;
    }

    /** A zero-filled buffer of {@code length} elements on each backend. */
    Pair allocate(int length) {
        return new Pair(device.allocate(length), reference.allocate(length));
    }

    /** Runs {@code operation} on the device, then on the reference. */
    void run(Consumer<Backend> operation) {
        operation.accept(device);
        operation.accept(reference);
    }

    /** Runs {@code operation} on both backends and asserts that the numbers it returns agree (a loss). */
    void assertSameValue(ToDoubleFunction<Backend> operation, double tolerance, String what) {
        double actual = operation.applyAsDouble(device);
        double expected = operation.applyAsDouble(reference);
        assertClose(new double[] {expected}, new double[] {actual}, tolerance, what);
    }

    /** Asserts that the first {@code length} elements of {@code pair} agree on both backends. */
    void assertClose(Pair pair, int length, double tolerance, String what) {
        assertClose(read(reference, pair.reference, length), read(device, pair.device, length), tolerance, what);
    }

    /** The device's copy of the first {@code length} elements of {@code pair}. */
    double[] deviceValues(Pair pair, int length) {
        return read(device, pair.device, length);
    }

    /**
     * Asserts {@code max |actual - expected| <= tolerance * max |expected|}: the error relative to the result's
     * scale, which stays meaningful where single elements are near zero.
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

    private static double[] read(Backend backend, Buffer buffer, int length) {
        double[] values = new double[length];
        backend.readDoubles(buffer, values, 0, length);
        return values;
    }

    /** The same tensor on the device and on the reference. */
    final class Pair {
        private final Buffer device;
        private final Buffer reference;

        private Pair(Buffer device, Buffer reference) {
            this.device = device;
            this.reference = reference;
        }

        /** This tensor's buffer on {@code backend}, one of the two the check runs on. */
        Buffer on(Backend backend) {
            if (backend == ReferenceCheck.this.device) {
                return device;
            }
            if (backend == ReferenceCheck.this.reference) {
                return reference;
            }
            throw new IllegalArgumentException("not a backend of this check: " + backend.name());
        }

        /** {@code length} elements from {@code offset}, as a view on both backends. */
        Pair slice(int offset, int length) {
            return new Pair(ReferenceCheck.this.device.slice(device, offset, length),
                    ReferenceCheck.this.reference.slice(reference, offset, length));
        }
    }
}
