package dev.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./neurite} launcher script, run as a user runs it, on the jar this build packaged (an integration
 * test: it needs {@code cli/target/lib}, which exists only after the package phase).
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("cli/target");

    @BeforeEach
    void removeArchives() throws IOException {
        for (Path archive : archives().keySet()) {
            Files.delete(archive);
        }
    }

    @Test
    void eachCommandRecordsItsOwnClassArchiveOnItsFirstRunAndMapsItAfterwards() throws Exception {
        // The first command after a build must not leave every other command with its small archive.
        run("--version");
        Map<Path, FileTime> afterVersion = archives();
        assertEquals(List.of("other"), commands(afterVersion), "archives: " + afterVersion.keySet());

        run("check", CliRun.example("xor.nn"));
        Map<Path, FileTime> afterCheck = archives();
        assertEquals(List.of("check", "other"), commands(afterCheck), "archives: " + afterCheck.keySet());

        // Later runs map the archive they find: none is written again.
        run("--version");
        run("check", CliRun.example("xor.nn"));
        assertEquals(afterCheck, archives());
        try (Stream<Path> files = Files.list(TARGET)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")), "a partial archive was left");
        }
    }

    @Test
    void compilerDirectivesAreValidAndTheLauncherPrintsNothingOfTheirs() throws Exception {
        // The launcher hides the JVM's own output (the directives' "1 compiler directives added" would go to
        // stdout), and with it the message of a file the JVM cannot parse: check the file here, with output on.
        Path directives = ROOT.resolve("cli/src/main/launcher/compiler-directives.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + directives, "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -version hung");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("1 compiler directives added"), output);

        assertEquals("neurite " + Main.VERSION + "\n", run("--version").replace("WARNING: Using incubator"
                + " modules: jdk.incubator.vector\n", ""));
    }

    /** Runs {@code ./neurite args}, checks that it succeeded and returns what it printed (stdout and stderr). */
    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("neurite").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(TARGET, "launcher-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Not the user's class cache.
        builder.environment().put("NEURITE_CACHE_DIR", TARGET.resolve("class-cache").toString());
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "neurite " + String.join(" ", args) + " hung");
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), "neurite " + String.join(" ", args) + ":\n" + output);
            return output;
        } finally {
            process.destroyForcibly();
            Files.delete(log);
        }
    }

    /** The launcher's class archives in cli/target, by path, with their modification times. */
    private static Map<Path, FileTime> archives() throws IOException {
        Map<Path, FileTime> archives = new TreeMap<>();
        try (Stream<Path> files = Files.list(TARGET)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("neurite-cli-") && name.endsWith(".jsa")) {
                    archives.put(file, Files.getLastModifiedTime(file));
                }
            }
        }
        return archives;
    }

    /** The command each archive belongs to: the last part of its name. */
    private static List<String> commands(Map<Path, FileTime> archives) {
        return archives.keySet().stream()
                .map(p -> p.getFileName().toString().replaceAll(".*-([a-z]+)\\.jsa$", "$1"))
                .sorted()
                .toList();
    }
}
