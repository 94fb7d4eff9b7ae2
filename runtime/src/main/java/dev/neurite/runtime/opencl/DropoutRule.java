package dev.neurite.runtime.opencl;

/**
 * The keep-or-drop rule of dropout, shared with the CPU backends: element {@code i} mixes {@code (seed, i)} with
 * the SplitMix64 finalizer and is kept when the top 24 bits of the result are at least
 * {@code ceil(p * 2^24)}. The device side is {@code dropout.cl}; this class computes its threshold.
 */
final class DropoutRule {

    private DropoutRule() {
    }

    /** The smallest 24-bit draw that keeps an element, for drop probability {@code p} in [0, 1). */
    static int keepThreshold(double p) {
        return (int) Math.ceil(p * (1 << 24));
    }
}
