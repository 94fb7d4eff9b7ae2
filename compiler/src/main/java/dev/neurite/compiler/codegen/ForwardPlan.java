package dev.neurite.compiler.codegen;

import dev.neurite.compiler.ir.Layer;
import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.backend.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides the steps of a model's forward pass and the buffers between them: which activations fuse into the
 * dense layer before them, which layers are mere views (flatten), and from which step on a backward pass is
 * needed at all (nothing before the first layer with parameters needs a gradient).
 */
final class ForwardPlan {

    final List<Step> steps;
    /** Index of the first step with parameters, or {@code steps.size()} when the model has none. */
    final int firstTrainable;

    private ForwardPlan(List<Step> steps, int firstTrainable) {
        this.steps = List.copyOf(steps);
        this.firstTrainable = firstTrainable;
    }

    static ForwardPlan of(Model model) {
        List<Step> steps = new ArrayList<>();
        ActivationBuffer current = ActivationBuffer.INPUT;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Layer.Elementwise fused = null;
            ActivationBuffer out;
            if (layer instanceof Layer.Dense dense) {
                if (i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.Elementwise next && fusable(next)) {
                    fused = next;
                    i++;
                }
                String field = (fused != null ? fused.name() : dense.name()) + "Out";
                out = new ActivationBuffer(field, constant(dense, "OUT"), dense.out());
            } else if (layer instanceof Layer.Flatten) {
                out = current;
            } else {
                out = new ActivationBuffer(layer.name() + "Out", current.sizeConstant(), layer.outputSize());
            }
            steps.add(new Step(layer, fused, current, out));
            current = out;
        }
        int firstTrainable = steps.size();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).layer() instanceof Layer.Dense) {
                firstTrainable = i;
                break;
            }
        }
        return new ForwardPlan(steps, firstTrainable);
    }

    /** The buffer holding the model's output after the last step. */
    ActivationBuffer output() {
        return steps.isEmpty() ? ActivationBuffer.INPUT : steps.get(steps.size() - 1).out();
    }

    /** Whether the loss gradient must flow back through step {@code index}. */
    boolean needsBackward(int index) {
        return index >= firstTrainable;
    }

    /** Whether step {@code index} must produce the gradient with respect to its input. */
    boolean needsInputGradient(int index) {
        return index > firstTrainable;
    }

    /**
     * An activation fuses into the dense layer before it when its derivative can be computed from its output
     * alone, since the fused kernel keeps only the output (GELU needs its input, leaky ReLU a positive slope).
     */
    private static boolean fusable(Layer.Elementwise activation) {
        return activation.activation() != Activation.GELU
                && !(activation.activation() == Activation.LEAKY_RELU && activation.alpha() < 0);
    }

    /** The name of a dense layer's size constant: {@code DENSE1_OUT}. */
    static String constant(Layer.Dense dense, String which) {
        return dense.name().toUpperCase(Locale.ROOT) + "_" + which;
    }
}
