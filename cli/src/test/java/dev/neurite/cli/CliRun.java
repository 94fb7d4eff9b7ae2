package dev.neurite.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One run of the {@code neurite} command in-process, with what it printed. */
record CliRun(int exit, String out, String err) {

    static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "nn");
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    static String example(String fileName) {
        return EXAMPLES.resolve(fileName).toString();
    }

    static boolean hasFashionMnist() {
        return Files.isRegularFile(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"));
    }

    /** A user mistake: a non-zero exit, one {@code neurite:} line on stderr naming {@code expected}, no trace. */
    void assertOneLineError(String expected) {
        assertTrue(exit != 0, "exit code " + exit);
        String[] lines = err.strip().split("\\R");
        assertTrue(lines.length == 1 && lines[0].startsWith("neurite: "), "want one error line, got:\n" + err);
        assertTrue(lines[0].contains(expected), "want '" + expected + "' in: " + lines[0]);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace leaked:\n" + err);
    }
}
