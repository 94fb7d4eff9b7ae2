package dev.neurite.cli;

import dev.neurite.compiler.javac.InMemoryJavac;
import dev.neurite.runtime.data.Datasets;
import dev.neurite.runtime.model.AbstractModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code neurite train}, {@code eval} and {@code predict} on real Fashion-MNIST (a subset, to stay fast). */
class TrainCommandTest {

    @Test
    void oneEpochOnTenThousandSamplesReachesSeventyFivePercentAndWritesItsOutputs(@TempDir Path dir)
            throws IOException {
        assumeTrue(CliRun.hasFashionMnist(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        CliRun train = CliRun.of("train", CliRun.example("fashion_mnist.nn"), "--epochs", "1", "--limit", "10000",
                "--out", dir.toString());
        assertEquals(0, train.exit(), train.err());
        Matcher accuracy = Pattern.compile("test: loss [0-9.]+, accuracy ([0-9.]+) on 10,000 samples")
                .matcher(train.out());
        assertTrue(accuracy.find(), train.out());
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.75, train.out());
        assertTrue(Files.isRegularFile(dir.resolve("last.safetensors")), train.out());
        for (String picture : new String[] {"loss.png", "samples.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(picture).toFile());
            assertTrue(image != null && image.getWidth() > 100, picture + " is not a picture; output:\n"
                    + train.out());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("last.safetensors", "loss.png", "samples.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files are left");
        }


        // eval of the checkpoint reproduces the test accuracy the training run reported
        CliRun eval = CliRun.of("eval", CliRun.example("fashion_mnist.nn"), "--weights",
                dir.resolve("last.safetensors").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("accuracy " + accuracy.group(1)), eval.out());
        assertTrue(eval.out().contains("confusion matrix"), eval.out());

        CliRun predict = CliRun.of("predict", CliRun.example("fashion_mnist.nn"), "--weights",
                dir.resolve("last.safetensors").toString(), "--input", "test:0");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().startsWith("test sample 0: "), predict.out());
        assertTrue(predict.out().contains("(true: 9 Ankle boot)"), predict.out());
        String predicted = predict.out().substring("test sample 0: ".length(), predict.out().indexOf("   (true"));

        // The same image as a PNG file and as a CSV row predicts the same class.
        float[] pixels = Datasets.fashionMnist(CliRun.FASHION_MNIST).test().features();
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            int gray = Math.round(pixels[i] * 255);
            image.getRaster().setSample(i % 28, i / 28, 0, gray);
            row.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        Path png = dir.resolve("first.png");
        ImageIO.write(image, "png", png.toFile());
        Path csv = dir.resolve("first.csv");
        Files.writeString(csv, row + "\n");
        for (Path input : List.of(png, csv)) {
            CliRun fromFile = CliRun.of("predict", CliRun.example("fashion_mnist.nn"), "--weights",
                    dir.resolve("last.safetensors").toString(), "--input", input.toString());
            assertEquals(0, fromFile.exit(), fromFile.err());
            assertTrue(fromFile.out().startsWith(input + ": " + predicted + "\n"), fromFile.out());
        }
    }

    @Test
    void aSecondRunOfTheSameModelLoadsItsClassFromTheCache(@TempDir Path dir) throws IOException {
        assumeTrue(InMemoryJavac.locationOf(AbstractModel.class).toString().endsWith(".jar"),
                "the runtime is a classes folder here (mvn test, not verify), which is never cached");
        // A comment of its own makes this model's source, and so its cache key, new to the cache.
        Path model = dir.resolve("xor.nn");
        Files.writeString(model, "// " + UUID.randomUUID() + "\n" + Files.readString(Path.of(CliRun.example("xor.nn"))));
        String[] args = {"train", model.toString(), "--model", "Xor", "--epochs", "1", "--out", dir.toString()};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("Xor: 33 parameters, compiled in "), first.out());
        CliRun second = CliRun.of(args);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("Xor: 33 parameters, loaded from the class cache in "), second.out());
    }

    @Test
    void compileWritesOneJavaFilePerModel(@TempDir Path dir) {
        CliRun run = CliRun.of("compile", CliRun.example("xor.nn"), "-o", dir.toString(), "--package", "demo.nets");
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isRegularFile(dir.resolve("demo/nets/Xor.java")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/nets/XorLinear.java")));
    }
}
