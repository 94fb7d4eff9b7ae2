package dev.neurite.runtime.optim;

/** The optimizers of the language, each with PyTorch's update rule (the perceptron rule is SGD on a step unit). */
public enum OptimizerKind {
    SGD, ADAM, ADAMW, RMSPROP, ADAGRAD, PERCEPTRON
}
