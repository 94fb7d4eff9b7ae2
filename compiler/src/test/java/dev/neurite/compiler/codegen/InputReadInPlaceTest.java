package dev.neurite.compiler.codegen;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.model.AbstractModel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The CPU backend reads a batch where the caller keeps it ({@code Backend.wrap}), so no generated layer may write
 * its input: for every model of every example, training steps and forward passes leave the caller's array as it
 * was, and give the results they give from a copy of it.
 */
class InputReadInPlaceTest {

    private static final int BATCH = 5;

    @TestFactory
    Stream<DynamicTest> generatedModelsOnlyReadTheirInput() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : GoldenFilesTest.examples()) {
            String file = example.getFileName().toString();
            for (Map.Entry<String, GeneratedModels.Factory> model : Examples.compile(file).entrySet()) {
                tests.add(DynamicTest.dynamicTest(file + " " + model.getKey(), () -> check(model.getValue())));
            }
        }
        return tests.stream();
    }

    private static void check(GeneratedModels.Factory factory) {
        try (Backend backend = new CpuBackend(2)) {
            AbstractModel inPlace = factory.create(backend, BATCH, 7);
            AbstractModel copied = factory.create(backend, BATCH, 7);
            SplittableRandom random = new SplittableRandom(3);
            float[] input = new float[BATCH * inPlace.info().inputSize()];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextDouble(-1, 1);
            }
            float[] targets = new float[BATCH * inPlace.info().targetSize()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = inPlace.info().loss() == LossKind.CROSS_ENTROPY
                        ? random.nextInt(inPlace.info().outputSize()) : random.nextInt(2);
            }
            float[] original = input.clone();
            for (int step = 0; step < 3; step++) {
                double loss = inPlace.trainStep(input, targets, BATCH);
                assertArrayEquals(original, input, "input after training step " + step);
                assertEquals(copied.trainStep(input.clone(), targets, BATCH), loss, "loss of step " + step);
            }
            float[] logits = new float[BATCH * inPlace.info().outputSize()];
            float[] fromCopy = logits.clone();
            inPlace.forward(input, 0, BATCH, logits);
            copied.forward(input.clone(), 0, BATCH, fromCopy);
            assertArrayEquals(original, input, "input after a forward pass");
            assertArrayEquals(fromCopy, logits, "logits");
        }
    }
}
