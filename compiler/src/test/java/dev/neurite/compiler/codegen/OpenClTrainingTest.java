package dev.neurite.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurite.compiler.ir.Program;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.checkpoint.Checkpoint;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.data.Dataset;
import dev.neurite.runtime.data.Datasets;
import dev.neurite.runtime.data.Splits;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.opencl.OpenClBackend;
import dev.neurite.runtime.opencl.OpenClDevices;
import dev.neurite.runtime.opencl.OpenClUnavailableException;
import dev.neurite.runtime.train.EpochResult;
import dev.neurite.runtime.train.Trainer;
import dev.neurite.runtime.train.TrainingListener;
import dev.neurite.runtime.train.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fashion_mnist.nn} trained for one epoch on a Fashion-MNIST subset on the OpenCL backend and on the CPU
 * backend from the same seed: the two runs must tell the same story (accuracy, loss curve), and a checkpoint
 * from either must predict the same on the other. Skipped without an OpenCL device or without the
 * {@code dataset-fashion-mnist} package.
 */
class OpenClTrainingTest {

    private static final int TRAIN_SAMPLES = 4000;
    private static final int TEST_SAMPLES = 2000;
    private static final double PROBABILITY_TOLERANCE = 1e-5;

    private static Backend cpu;
    private static Backend opencl;
    private static GeneratedModels.Factory factory;
    private static TrainSpec spec;
    private static Splits data;
    private static Run cpuRun;
    private static Run openclRun;

    /** One backend's training: the model it left, its loss after every step, and its epoch result. */
    private record Run(AbstractModel model, List<Double> stepLosses, EpochResult epoch) {
    }

    @BeforeAll
    static void trainOnBothBackends() {
        String noDevice = null;
        try {
            OpenClDevices.list();
        } catch (OpenClUnavailableException e) {
            noDevice = e.getMessage();
        }
        assumeTrue(noDevice == null, "OpenCL training test skipped: " + noDevice);
        assumeTrue(Files.isDirectory(Path.of(Datasets.FASHION_MNIST_DIR)), "OpenCL training test skipped: "
                + Datasets.FASHION_MNIST_DIR + " is missing (apt-get install dataset-fashion-mnist)");

        Program program = Examples.program("fashion_mnist.nn");
        factory = GeneratedModels.compile(program).get("FashionMlp");
        spec = program.training("FashionMlp").orElseThrow().withEpochs(1);
        cpu = new CpuBackend(2);
        opencl = OpenClBackend.open(0);
        AbstractModel cpuModel = factory.create(cpu, spec.batchSize(), spec.seed());
        Splits all = Trainer.loadData(spec, cpuModel.info(), null);
        data = new Splits(all.train().first(TRAIN_SAMPLES), all.test().first(TEST_SAMPLES));
        cpuRun = train(cpuModel);
        openclRun = train(factory.create(opencl, spec.batchSize(), spec.seed()));
    }

    @AfterAll
    static void closeBackends() {
        for (Backend backend : new Backend[] {cpu, opencl}) {
            if (backend != null) {
                backend.close();
            }
        }
    }

    @Test
    void bothBackendsReachTheSameAccuracyWithinOnePercentagePoint() {
        double cpuAccuracy = cpuRun.epoch().validationAccuracy();
        double openclAccuracy = openclRun.epoch().validationAccuracy();
        assertTrue(cpuAccuracy > 0.6, "one epoch on " + TRAIN_SAMPLES + " samples should learn something, got "
                + cpuAccuracy);
        assertEquals(cpuAccuracy, openclAccuracy, 0.01, "test accuracy, cpu vs opencl");
    }

    @Test
    void lossCurvesAgreeWithinOnePercentAtEveryStep() {
        List<Double> expected = cpuRun.stepLosses();
        List<Double> actual = openclRun.stepLosses();
        assertEquals(expected.size(), actual.size(), "steps");
        for (int step = 0; step < expected.size(); step++) {
            assertEquals(expected.get(step), actual.get(step), 0.01 * expected.get(step), "loss at step " + (step + 1));
        }
        assertEquals(cpuRun.epoch().trainLoss(), openclRun.epoch().trainLoss(), 0.01 * cpuRun.epoch().trainLoss(),
                "epoch training loss");
        assertEquals(cpuRun.epoch().validationLoss(), openclRun.epoch().validationLoss(),
                0.01 * cpuRun.epoch().validationLoss(), "epoch test loss");
    }

    @Test
    void anOpenClCheckpointPredictsTheSameOnTheCpu(@TempDir Path dir) {
        assertSamePredictions(openclRun.model(), cpu, dir.resolve("opencl.safetensors"));
    }

    @Test
    void aCpuCheckpointPredictsTheSameOnOpenCl(@TempDir Path dir) {
        assertSamePredictions(cpuRun.model(), opencl, dir.resolve("cpu.safetensors"));
    }

    private static Run train(AbstractModel model) {
        List<Double> losses = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss) {
                losses.add(loss);
            }
        };
        EpochResult epoch = new Trainer(model, spec).listener(recorder).train(data).last();
        return new Run(model, losses, epoch);
    }

    /**
     * Saves {@code trained}, loads the file into a fresh model on {@code other}, and compares both models'
     * class probabilities on every test sample: within 1e-5, and the same predicted class wherever the top two
     * probabilities are further apart than that tolerance allows to swap.
     */
    private static void assertSamePredictions(AbstractModel trained, Backend other, Path file) {
        Checkpoint.save(file, trained, Map.of());
        AbstractModel restored = factory.create(other, spec.batchSize(), spec.seed() + 1);
        Checkpoint.load(file, restored);
        Dataset test = data.test();
        int classes = trained.info().outputSize();
        int features = test.featureSize();
        int batch = spec.batchSize();
        for (int start = 0; start < test.count(); start += batch) {
            int n = Math.min(batch, test.count() - start);
            float[] input = new float[n * features];
            System.arraycopy(test.features(), start * features, input, 0, input.length);
            float[] expected = trained.predictProbabilities(input, n);
            float[] actual = restored.predictProbabilities(input, n);
            int[] expectedClasses = trained.predict(input, n);
            int[] actualClasses = restored.predict(input, n);
            for (int row = 0; row < n; row++) {
                String sample = "test sample " + (start + row);
                for (int c = 0; c < classes; c++) {
                    int i = row * classes + c;
                    assertEquals(expected[i], actual[i], PROBABILITY_TOLERANCE, sample + " class " + c);
                }
                if (topTwoGap(expected, row * classes, classes) > 2 * PROBABILITY_TOLERANCE) {
                    assertEquals(expectedClasses[row], actualClasses[row], sample + " predicted class");
                }
            }
        }
    }

    private static double topTwoGap(float[] probabilities, int offset, int count) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + count; i++) {
            if (probabilities[i] > first) {
                second = first;
                first = probabilities[i];
            } else if (probabilities[i] > second) {
                second = probabilities[i];
            }
        }
        return first - second;
    }
}
