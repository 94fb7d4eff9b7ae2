package dev.neurite.examples;

import dev.neurite.runtime.data.Dataset;

import java.util.List;
import java.util.SplittableRandom;

/** What the tests need besides the runtime's synthetic sets: a set with a guaranteed margin, and accuracy. */
final class TutorialData {

    private TutorialData() {
    }

    /**
     * Two clusters that a line separates: class 0 around (-1, -1), class 1 around (1, 1), each point within 0.8
     * of its centre on both axes, so a gap at least 0.4 wide lies between them. Classes alternate.
     */
    static Dataset twoClusters(int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int count = 2 * perClass;
        float[] features = new float[count * 2];
        float[] targets = new float[count];
        for (int n = 0; n < count; n++) {
            int label = n % 2;
            double centre = label == 0 ? -1 : 1;
            features[2 * n] = (float) (centre + random.nextDouble(-0.8, 0.8));
            features[2 * n + 1] = (float) (centre + random.nextDouble(-0.8, 0.8));
            targets[n] = label;
        }
        return new Dataset("two clusters", features, 2, targets, 1, 2, List.of());
    }

    /** The share of {@code predicted} classes that equal the class-index {@code targets}. */
    static double accuracy(int[] predicted, float[] targets) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == (int) targets[i]) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }
}
