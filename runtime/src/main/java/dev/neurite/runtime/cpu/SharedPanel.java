package dev.neurite.runtime.cpu;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A packed copy of A that the threads of one product share, sliver by sliver. When threads split the columns of C,
 * every thread multiplies the same rows of A, and each one packing all of them itself duplicated the packing:
 * 20 us of gathers per thread for the batch of fashion_mnist's first layer (64 x 784), an eighth of the product on
 * two threads. Here each sliver is packed once, by the first thread that needs it: {@link #claim} tells it to pack,
 * {@link #published} tells the others when they can read. A thread that finds a sliver still being packed waits for
 * at most {@link #WAIT_NANOS}; if the packing thread has been descheduled meanwhile, it packs its own copy instead.
 *
 * <p>Packing is a copy, so the product is bitwise the same whichever thread packed a sliver.
 */
final class SharedPanel {

    private static final int FREE = 0;
    private static final int PACKING = 1;
    private static final int PACKED = 2;
    /** Several times the packing of a sliver (32 x 784 in 10 us): longer means the packer is not running. */
    private static final long WAIT_NANOS = 50_000;

    private float[] floats = new float[0];
    private AtomicIntegerArray states = new AtomicIntegerArray(0);
    /** The product whose A this panel holds, or -1. */
    private long call = -1;

    /**
     * Makes the panel ready for product number {@code call}: {@code slivers} slivers, none packed yet, in at least
     * {@code size} floats. Called by the thread that starts the product, before any part runs.
     */
    void reset(long call, int slivers, int size) {
        if (floats.length < size) {
            floats = new float[size];
        }
        if (states.length() < slivers) {
            states = new AtomicIntegerArray(slivers);
        } else {
            for (int s = 0; s < slivers; s++) {
                states.set(s, FREE);
            }
        }
        this.call = call;
    }

    /** Whether this panel was {@link #reset} for product number {@code call}. */
    boolean isFor(long call) {
        return this.call == call;
    }

    /** The panel's floats: sliver {@code s} where the caller's layout puts it. */
    float[] floats() {
        return floats;
    }

    /**
     * Whether the calling thread is the one to pack sliver {@code s}; if so it must call {@link #published} when
     * the sliver is written.
     */
    boolean claim(int s) {
        return states.get(s) == FREE && states.compareAndSet(s, FREE, PACKING);
    }

    /** Publishes sliver {@code s}: its floats are visible to every thread that then sees it {@link #packed}. */
    void published(int s) {
        states.set(s, PACKED);
    }

    /**
     * Whether sliver {@code s} is packed, after waiting up to {@link #WAIT_NANOS} for the thread packing it; false
     * means the caller should pack a copy of its own.
     */
    boolean packed(int s) {
        if (states.get(s) == PACKED) {
            return true;
        }
        long until = System.nanoTime() + WAIT_NANOS;
        while (states.get(s) != PACKED) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
