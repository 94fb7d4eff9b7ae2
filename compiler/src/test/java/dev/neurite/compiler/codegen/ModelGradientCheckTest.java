package dev.neurite.compiler.codegen;

import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Activation;
import dev.neurite.compiler.ir.Layer;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.cpu.DoubleCpuBackend;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.model.ParameterTensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole generated models against central finite differences, in double precision: the backward pass the
 * generator wrote must be the derivative of the forward pass it wrote, for every parameter tensor of every
 * example model. Then the float32 backend's gradients against the double ones.
 */
class ModelGradientCheckTest {

    private static final int BATCH = 3;
    /** Entries checked per tensor: every entry of small tensors, a seeded sample of large ones. */
    private static final int ENTRIES_PER_TENSOR = 40;

    @TestFactory
    Stream<DynamicTest> everyExampleModelsBackwardMatchesFiniteDifferences() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : GoldenFilesTest.examples()) {
            Program program = Examples.program(example.getFileName().toString());
            for (Model model : program.models()) {
                if (usesStep(model)) {
                    continue; // the step's straight-through backward is the perceptron rule, not a derivative
                }
                tests.add(DynamicTest.dynamicTest(model.name(), () -> check(program, model)));
            }
        }
        tests.add(DynamicTest.dynamicTest("EveryLayer (gelu, dropout, softmax, leaky relu, no bias)",
                () -> check(HandMadeModels.everyLayer(), HandMadeModels.everyLayer().models().get(0))));
        return tests.stream();
    }

    private static boolean usesStep(Model model) {
        return model.layers().stream().anyMatch(l -> l instanceof Layer.Elementwise e
                && e.activation() == Activation.STEP);
    }

    private static void check(Program program, Model model) {
        GeneratedModels.Factory factory = GeneratedModels.compile(program).get(model.name());
        SplittableRandom random = new SplittableRandom(7);
        float[] input = new float[BATCH * model.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextDouble(-1, 1);
        }
        int targetSize = model.loss() == LossKind.CROSS_ENTROPY ? 1 : model.outputSize();
        float[] targets = new float[BATCH * targetSize];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = model.loss() == LossKind.CROSS_ENTROPY ? random.nextInt(model.outputSize())
                    : model.loss() == LossKind.BINARY_CROSS_ENTROPY ? random.nextInt(2) : (float) random.nextDouble();
        }

        double[] doubleGradients;
        double[] parameters;
        try (Backend backend = new DoubleCpuBackend()) {
            AbstractModel instance = factory.create(backend, BATCH, 11);
            int count = instance.info().parameterCount();
            parameters = new double[count];
            backend.readDoubles(instance.parameters(), parameters, 0, count);
            instance.lossAndGradients(input, targets, BATCH);
            doubleGradients = new double[count];
            backend.readDoubles(instance.gradients(), doubleGradients, 0, count);

            for (ParameterTensor tensor : instance.info().parameters()) {
                for (int entry : entries(tensor, random)) {
                    int at = tensor.offset() + entry;
                    double numeric = centralDifference(instance, backend, parameters, at, input, targets);
                    double analytic = doubleGradients[at];
                    double error = Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic));
                    assertTrue(error < 1e-4, () -> model.name() + " " + tensor.name() + "[" + entry + "]: analytic "
                            + analytic + " vs numeric " + numeric);
                }
            }
        }

        // The float32 path, from the same (float-rounded) parameters, against the double gradients.
        try (Backend backend = new CpuBackend(2)) {
            AbstractModel instance = factory.create(backend, BATCH, 11);
            backend.writeDoubles(instance.parameters(), parameters, 0, parameters.length);
            instance.lossAndGradients(input, targets, BATCH);
            double[] floatGradients = new double[parameters.length];
            backend.readDoubles(instance.gradients(), floatGradients, 0, parameters.length);
            for (ParameterTensor tensor : instance.info().parameters()) {
                double scale = 0;
                for (int i = 0; i < tensor.size(); i++) {
                    scale = Math.max(scale, Math.abs(doubleGradients[tensor.offset() + i]));
                }
                for (int i = 0; i < tensor.size(); i++) {
                    int at = tensor.offset() + i;
                    double difference = Math.abs(floatGradients[at] - doubleGradients[at]);
                    assertTrue(difference <= 1e-4 * scale, () -> model.name() + " " + tensor.name() + "[" + (at
                            - tensor.offset()) + "]: float " + floatGradients[at] + " vs double "
                            + doubleGradients[at]);
                }
            }
        }
    }

    private static List<Integer> entries(ParameterTensor tensor, SplittableRandom random) {
        List<Integer> entries = new ArrayList<>();
        if (tensor.size() <= ENTRIES_PER_TENSOR) {
            for (int i = 0; i < tensor.size(); i++) {
                entries.add(i);
            }
        } else {
            for (int i = 0; i < ENTRIES_PER_TENSOR; i++) {
                entries.add(random.nextInt(tensor.size()));
            }
        }
        return entries;
    }

    /** (L(p + h) - L(p - h)) / 2h for one parameter, with the same dropout masks as the analytic pass. */
    private static double centralDifference(AbstractModel model, Backend backend, double[] parameters, int at,
                                            float[] input, float[] targets) {
        double h = 1e-6;
        double original = parameters[at];
        double[] one = new double[1];
        one[0] = original + h;
        backend.writeDoubles(backend.slice(model.parameters(), at, 1), one, 0, 1);
        double plus = model.trainingLoss(input, targets, BATCH);
        one[0] = original - h;
        backend.writeDoubles(backend.slice(model.parameters(), at, 1), one, 0, 1);
        double minus = model.trainingLoss(input, targets, BATCH);
        one[0] = original;
        backend.writeDoubles(backend.slice(model.parameters(), at, 1), one, 0, 1);
        return (plus - minus) / (2 * h);
    }
}
