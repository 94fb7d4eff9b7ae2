package dev.neurite.runtime.train;

import dev.neurite.runtime.checkpoint.Checkpoint;
import dev.neurite.runtime.data.DataSpec;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.data.SyntheticData;
import dev.neurite.runtime.loss.LossKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    @TempDir
    Path dir;

    private static TrainSpec spec(int epochs, int batch, Validation validation) {
        return new TrainSpec("Fake", DataSpec.of("vertical"), epochs, batch, true, 42, validation, Double.NaN,
                Double.NaN);
    }

    private static FakeModel classifier(double lr, long seed) {
        return new FakeModel("Fake", 2, 3, LossKind.CROSS_ENTROPY, lr, 64, seed);
    }

    private static Splits vertical() {
        return new Splits(SyntheticData.vertical(50, 3, 1), SyntheticData.vertical(20, 3, 2));
    }

    private static float[] parameters(FakeModel model) {
        return ArrayBackend.array(model.parameters()).data();
    }

    private static float[] momentum(FakeModel model) {
        return ArrayBackend.array(model.optimizer().state().get("momentum_buffer")).data();
    }

    @Test
    void learnsASeparableSetAndReportsValidation() {
        TrainingResult result = new Trainer(classifier(0.5, 1), spec(30, 16, Validation.TEST)).train(vertical());

        assertEquals(30, result.epochs().size());
        assertTrue(result.last().trainLoss() < result.epochs().get(0).trainLoss());
        assertTrue(result.last().validationAccuracy() > 0.9, "accuracy " + result.last().validationAccuracy());
        assertEquals(30L * 10, result.globalStep(), "150 samples in batches of 16 are 10 steps");
        assertNull(result.checkpoint());
    }

    @Test
    void twoEpochsThenResumeForOneEqualsThreeStraightBitForBit() {
        FakeModel straight = classifier(0.3, 1);
        new Trainer(straight, spec(3, 16, Validation.TEST)).train(vertical());

        new Trainer(classifier(0.3, 1), spec(2, 16, Validation.TEST)).checkpointDir(dir).train(vertical());
        FakeModel resumed = classifier(0.3, 7);
        TrainingResult rest = new Trainer(resumed, spec(3, 16, Validation.TEST)).checkpointDir(dir)
                .resume(vertical(), dir.resolve(Trainer.LAST_CHECKPOINT));

        assertEquals(List.of(3), rest.epochs().stream().map(EpochResult::epoch).toList());
        assertEquals(30, rest.globalStep());
        assertArrayEquals(parameters(straight), parameters(resumed));
        assertArrayEquals(momentum(straight), momentum(resumed));
        assertEquals("3", Checkpoint.readMetadata(dir.resolve(Trainer.LAST_CHECKPOINT)).get(Checkpoint.EPOCH));
    }

    @Test
    void resumingACompletedRunDoesNothing() {
        new Trainer(classifier(0.3, 1), spec(2, 16, Validation.NONE)).checkpointDir(dir).train(vertical());

        TrainingResult result = new Trainer(classifier(0.3, 1), spec(2, 16, Validation.NONE))
                .resume(vertical(), dir.resolve(Trainer.LAST_CHECKPOINT));

        assertTrue(result.epochs().isEmpty());
    }

    @Test
    void reportsEveryEpochAndStepAndAveragesLossOverSamples() {
        List<String> events = new ArrayList<>();
        List<Double> stepLosses = new ArrayList<>();
        // lr = 0: the model never changes, so the epoch's training loss must equal its evaluated loss.
        FakeModel frozen = classifier(0.0, 1);
        Splits data = vertical();

        TrainingResult result = new Trainer(frozen, spec(2, 64, Validation.NONE)).listener(new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int steps) {
                events.add("start " + epoch + " " + steps);
            }

            @Override
            public void onStep(int epoch, int step, double loss) {
                events.add("step " + epoch + "." + step);
                stepLosses.add(loss);
            }

            @Override
            public void onEpochEnd(EpochResult result) {
                events.add("end " + result.epoch());
            }
        }).train(data);

        assertEquals(List.of("start 1 3", "step 1.1", "step 1.2", "step 1.3", "end 1",
                "start 2 3", "step 2.1", "step 2.2", "step 2.3", "end 2"), events);
        double evaluated = Evaluator.evaluate(frozen, data.train(), 64).loss();
        assertEquals(evaluated, result.last().trainLoss(), 1e-6, "150 samples: batches of 64, 64, 22 weighted");
        assertFalse(result.last().hasValidation());
        assertTrue(result.last().samplesPerSecond() > 0);
    }

    @Test
    void validationSplitHoldsOutAFractionOfTheTrainingSet() {
        List<Integer> steps = new ArrayList<>();
        new Trainer(classifier(0.1, 1), spec(1, 10, Validation.split(0.2))).listener(new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int count) {
                steps.add(count);
            }
        }).train(new Splits(SyntheticData.vertical(50, 3, 1), null));

        assertEquals(List.of(12), steps, "120 of 150 samples remain for training");
    }

    @Test
    void divergenceStopsNamingEpochAndStepAndKeepsTheLastGoodCheckpoint() throws Exception {
        FakeModel model = classifier(0.1, 1);
        Path checkpoint = dir.resolve(Trainer.LAST_CHECKPOINT);
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int steps) {
                if (epoch == 2) {
                    parameters(model)[0] = Float.NaN;
                }
            }
        };

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(model, spec(3, 16, Validation.TEST)).listener(poison).checkpointDir(dir)
                        .train(vertical()));

        assertEquals(2, e.epoch());
        assertEquals(1, e.step());
        assertEquals(checkpoint, e.lastGoodCheckpoint());
        assertTrue(e.getMessage().startsWith("training diverged at epoch 2, step 1: the loss is NaN"),
                e.getMessage());
        assertEquals("1", Checkpoint.readMetadata(checkpoint).get(Checkpoint.EPOCH));
        assertTrue(Files.size(checkpoint) > 0);
    }

    @Test
    void rejectsDataThatDoesNotFitTheModel() {
        Splits wide = new Splits(SyntheticData.linear(10, 2, 0, 1), null);

        TrainingException e = assertThrows(TrainingException.class,
                () -> new Trainer(classifier(0.1, 1), spec(1, 4, Validation.NONE)).train(wide));

        assertEquals("linear has 1 features per sample but model Fake expects input [2] (2 values)", e.getMessage());
    }

    @Test
    void rejectsBatchLargerThanTheModelWasBuiltFor() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> new Trainer(classifier(0.1, 1), spec(1, 128, Validation.NONE)));

        assertEquals("batch 128 is larger than the 64 samples model Fake was built for; create it with maxBatch "
                + ">= 128", e.getMessage());
    }
}
