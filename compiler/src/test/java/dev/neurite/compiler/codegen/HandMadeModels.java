package dev.neurite.compiler.codegen;

import dev.neurite.compiler.ir.Layer;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.runtime.backend.Activation;
import dev.neurite.runtime.init.InitSpec;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.optim.OptimizerKind;
import dev.neurite.runtime.optim.OptimizerSpec;

import java.util.List;
import java.util.Map;

/** Checked models built directly as IR, so generator tests do not depend on the parser. */
final class HandMadeModels {

    private HandMadeModels() {
    }

    static final OptimizerSpec ADAM = new OptimizerSpec(OptimizerKind.ADAM,
            Map.of("lr", 0.001, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0));

    /** 28x28 -> flatten -> 512 relu -> 512 relu -> 10, the PyTorch tutorial's network. */
    static Program fashionMlp() {
        Model model = new Model("FashionMlp", "fashion_mnist.nn", 2, "image", List.of(28, 28), List.of(
                new Layer.Flatten("flatten1", 5, List.of(28, 28)),
                new Layer.Dense("dense1", 6, 784, 512, true, InitSpec.DEFAULT),
                new Layer.Elementwise("relu1", 6, Activation.RELU, 0, List.of(512)),
                new Layer.Dense("dense2", 7, 512, 512, true, InitSpec.DEFAULT),
                new Layer.Elementwise("relu2", 7, Activation.RELU, 0, List.of(512)),
                new Layer.Dense("dense3", 8, 512, 10, true, InitSpec.DEFAULT)),
                LossKind.CROSS_ENTROPY, ADAM);
        return new Program("fashion_mnist.nn", "0".repeat(64), List.of(model), List.of());
    }

    /** Every kind of layer once: gelu (not fused), dropout, softmax, sigmoid, a bias-free dense. */
    static Program everyLayer() {
        Model model = new Model("EveryLayer", "every.nn", 1, "x", List.of(2, 3), List.of(
                new Layer.Flatten("flatten1", 3, List.of(2, 3)),
                new Layer.Dense("dense1", 4, 6, 5, true, InitSpec.DEFAULT),
                new Layer.Elementwise("gelu1", 4, Activation.GELU, 0, List.of(5)),
                new Layer.Dropout("dropout1", 5, 0.25, List.of(5)),
                new Layer.Dense("dense2", 6, 5, 4, false, InitSpec.DEFAULT),
                new Layer.Elementwise("tanh1", 7, Activation.TANH, 0, List.of(4)),
                new Layer.Elementwise("leaky_relu1", 8, Activation.LEAKY_RELU, 0.1, List.of(4)),
                new Layer.Softmax("softmax1", 9, List.of(4)),
                new Layer.Dense("dense3", 10, 4, 3, true, InitSpec.DEFAULT),
                new Layer.Elementwise("sigmoid1", 10, Activation.SIGMOID, 0, List.of(3))),
                LossKind.MSE, ADAM);
        return new Program("every.nn", "1".repeat(64), List.of(model), List.of());
    }
}
