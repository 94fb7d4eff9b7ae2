package dev.neurite.runtime.backend;

/**
 * The counter-based random draw behind dropout, shared by every backend so that all of them drop the same
 * elements for the same seed.
 *
 * <p>Element {@code i} of a dropout call with seed {@code s} is decided by 64-bit unsigned integer arithmetic
 * only (wrapping multiplication, logical shifts), which an OpenCL kernel reproduces with {@code ulong}:
 * <pre>
 *   z = s + (i + 1) * 0x9E3779B97F4A7C15        // SplitMix64's counter step
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9   // SplitMix64's finaliser
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   z =  z ^ (z >>> 31)
 *   u = z >>> 40                                // 24 random bits, u / 2^24 is uniform in [0, 1)
 *   keep = u >= threshold(p)                    // threshold(p) = ceil(p * 2^24)
 * </pre>
 * The element is kept with probability {@code 1 - p} (exactly, for {@code p} a multiple of {@code 2^-24}). The
 * threshold is computed once on the host and passed to device kernels as an unsigned integer, so no
 * floating-point rounding can differ between devices.
 */
public final class DropoutHash {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int RANDOM_BITS = 24;

    private DropoutHash() {
    }

    /** The smallest 24-bit draw that keeps an element when the drop probability is {@code p} in [0, 1). */
    public static int threshold(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        return (int) Math.ceil(p * (1 << RANDOM_BITS));
    }

    /** The 24 random bits drawn for element {@code index} under {@code seed}. */
    public static int draw(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z >>> (64 - RANDOM_BITS));
    }

    /** Whether element {@code index} survives dropout with the given {@link #threshold(double) threshold}. */
    public static boolean keep(long seed, long index, int threshold) {
        return draw(seed, index) >= threshold;
    }
}
