package dev.neurite.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code neurite check}: summaries for good files, rendered diagnostics and exit 1 for bad ones, exit 2 for I/O. */
class CheckCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void goodFilePrintsASummaryPerModel() {
        int exit = run("check", "../examples/src/main/nn/fashion_mnist.nn");
        assertEquals(0, exit, err::toString);
        String summary = out.toString();
        assertTrue(summary.contains("Model FashionMlp"), summary);
        assertTrue(summary.contains("dense1    Dense(784 -> 512)  [B, 512]      401,920"), summary);
        assertTrue(summary.contains("flatten1  Flatten            [B, 784]            0"), summary);
        assertTrue(summary.contains("Trainable parameters: 669,706"), summary);
        assertTrue(summary.contains("Loss: cross_entropy"), summary);
        assertTrue(summary.contains("Optimizer: adam(beta1=0.9, beta2=0.999, eps=1.0E-8, lr=0.001, weight_decay=0)"),
                summary);
        assertEquals("", err.toString());
    }

    @Test
    void optimizerSwitchesPrintAsTrueOrFalse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.nn");
        String model = "model NAME {\n    input x: [2]\n    dense 3\n    loss mse\n    optimizer OPTIMIZER\n}\n";
        Files.writeString(file, model.replace("NAME", "On")
                        .replace("OPTIMIZER", "sgd(lr = 0.1, momentum = 0.9, nesterov = true)")
                + model.replace("NAME", "Off").replace("OPTIMIZER", "sgd(lr = 0.1)"));
        int exit = run("check", file.toString());
        assertEquals(0, exit, err::toString);
        String summary = out.toString();
        assertTrue(summary.contains("Optimizer: sgd(dampening=0, lr=0.1, momentum=0.9, nesterov=true, weight_decay=0)"),
                summary);
        assertTrue(summary.contains("Optimizer: sgd(dampening=0, lr=0.1, momentum=0, nesterov=false, weight_decay=0)"),
                summary);
    }

    @Test
    void fileWithErrorsPrintsTheDiagnosticsAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.nn");
        Files.writeString(file, "model M {\n    input x: [2]\n    dense 3\n    reul\n    loss mse\n"
                + "    optimizer sgd(0.1)\n}\n");
        int exit = run("check", file.toString());
        assertEquals(1, exit);
        assertEquals("error[E0201]: unknown layer `reul`\n"
                + " --> " + file + ":4:5\n"
                + "  |\n"
                + "4 |     reul\n"
                + "  |     ^^^^\n"
                + "  = help: did you mean `relu`?\n"
                + "\n"
                + "neurite: " + file + ": 1 error\n", err.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("", out.toString());
    }

    @Test
    void missingFileIsOneLineAndExitsTwo(@TempDir Path dir) {
        Path missing = dir.resolve("nope.nn");
        assertEquals(2, run("check", missing.toString()));
        assertEquals("neurite: no such file: " + missing + "\n", err.toString());
    }

    @Test
    void directoryIsOneLineAndExitsTwo(@TempDir Path dir) {
        assertEquals(2, run("check", dir.toString()));
        assertEquals("neurite: " + dir + " is a directory, not a .nn file\n", err.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("check"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run());
    }

    @Test
    void helpAndVersionExitZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("neurite "), out::toString);
        assertEquals(0, run("check", "--help"));
        assertTrue(out.toString().contains("Usage: neurite check"), out::toString);
    }
}
