package dev.neurite.compiler.codegen;

import dev.neurite.compiler.ir.Layer;

/**
 * One step of a generated forward pass: a layer, or a dense layer with the element-wise activation that follows
 * it fused into its epilogue. Each step reads one activation buffer and writes another.
 *
 * @param layer      the layer the step computes
 * @param activation the activation fused into a dense layer, or null
 * @param in         the buffer the step reads
 * @param out        the buffer the step writes (for flatten, the same buffer as {@code in})
 */
record Step(Layer layer, Layer.Elementwise activation, ActivationBuffer in, ActivationBuffer out) {

    /** The layers this step covers, as a reader sees them: {@code dense1 + relu1}. */
    String title() {
        return activation == null ? layer.name() : layer.name() + " + " + activation.name();
    }

    /** The {@code .nn} line the step comes from. */
    int line() {
        return layer.line();
    }
}
