package dev.neurite.runtime.data;

import dev.neurite.runtime.backend.Backend;

import java.util.SplittableRandom;

/**
 * Feeds a {@link Dataset} to a model in batches, copying each batch into two arrays allocated once
 * ({@link #inputs()}, {@link #targets()}), so an epoch allocates nothing.
 *
 * <p>With shuffling, epoch {@code e}'s order is a pure function of {@code (seed, e)}: a run resumed at epoch
 * {@code e} sees exactly the batches an uninterrupted run would. The last batch of an epoch may be smaller
 * (PyTorch's default {@code drop_last=False}).
 *
 * <pre>{@code
 * loader.startEpoch(epoch);
 * for (int n; (n = loader.nextBatch()) > 0; ) {
 *     model.trainStep(loader.inputs(), loader.targets(), n);
 * }
 * }</pre>
 */
public final class DataLoader {

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private final float[] inputs;
    private final float[] targets;
    private final Backend host;
    private final Copy copy = new Copy();
    private int position;

    public DataLoader(Dataset data, int batchSize, boolean shuffle, long seed) {
        this(data, batchSize, shuffle, seed, null);
    }

    /**
     * A loader that decodes each batch in parts on {@code host}'s threads ({@link Backend#runOnHostThreads}),
     * between the steps that use them; null decodes on the calling thread. The batch is the same either way.
     */
    public DataLoader(Dataset data, int batchSize, boolean shuffle, long seed, Backend host) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, not " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[data.count()];
        this.inputs = new float[batchSize * data.featureSize()];
        this.targets = new float[batchSize * data.targetSize()];
        this.host = host;
        startEpoch(1);
    }

    /** Batches per epoch, the last one possibly partial. */
    public int batchesPerEpoch() {
        return (data.count() + batchSize - 1) / batchSize;
    }

    public Dataset dataset() {
        return data;
    }

    /** Rewinds to the start and, when shuffling, draws epoch {@code epoch}'s order (epochs count from 1). */
    public void startEpoch(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Dataset.shuffle(order, new SplittableRandom(epochSeed(seed, epoch)));
        }
        position = 0;
    }

    /** Keeps {@link Dataset#prefetch}'s reads from being optimized away (any part's sum will do). */
    private volatile int prefetched;

    /**
     * Copies the next batch into {@link #inputs()} and {@link #targets()}.
     *
     * @return the number of samples in it, 0 when the epoch is over
     */
    public int nextBatch() {
        int n = Math.min(batchSize, order.length - position);
        copy.n = n;
        if (host != null && (long) n * data.featureSize() >= PARALLEL_MIN_FEATURES) {
            host.runOnHostThreads(copy);
        } else {
            copy.run(0, 1);
        }
        position += n;
        return n;
    }

    /** Batches with fewer features than this are copied on the calling thread: a hand-over would cost more. */
    private static final long PARALLEL_MIN_FEATURES = 1 << 14;

    /** Copies part of the next batch's samples: each part its own range, so any split gives the same batch. */
    private final class Copy implements Backend.HostTask {
        int n;

        @Override
        public void run(int part, int parts) {
            int from = n * part / parts;
            int to = n * (part + 1) / parts;
            int featureSize = data.featureSize();
            int targetSize = data.targetSize();
            float[] allTargets = data.targets();
            int fetched = 0;
            for (int b = from; b < to; b++) {
                fetched += data.prefetch(order[position + b]);
            }
            prefetched = fetched;
            for (int b = from; b < to; b++) {
                int sample = order[position + b];
                data.copyFeatures(sample, inputs, b * featureSize);
                System.arraycopy(allTargets, sample * targetSize, targets, b * targetSize, targetSize);
            }
        }
    }

    /** The current batch's features, {@code batchSize * featureSize} (only the first batch's rows are valid). */
    public float[] inputs() {
        return inputs;
    }

    /** The current batch's targets, {@code batchSize * targetSize}. */
    public float[] targets() {
        return targets;
    }

    /** Mixes the run's seed with the epoch (SplitMix64's finaliser) so neighbouring epochs get unrelated orders. */
    private static long epochSeed(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
