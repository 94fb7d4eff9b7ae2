package dev.neurite.runtime.train;

/**
 * Which samples the per-epoch validation loss and accuracy are measured on: the data's test split
 * ({@code validation test}, the PyTorch tutorial's choice), a held-out fraction of the training set
 * ({@code validation split(0.1)}), or none.
 */
public record Validation(Kind kind, double fraction) {

    public enum Kind { TEST, SPLIT, NONE }

    public static final Validation TEST = new Validation(Kind.TEST, 0);
    public static final Validation NONE = new Validation(Kind.NONE, 0);

    public static Validation split(double fraction) {
        return new Validation(Kind.SPLIT, fraction);
    }
}
