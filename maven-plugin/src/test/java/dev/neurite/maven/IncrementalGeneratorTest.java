package dev.neurite.maven;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalGeneratorTest {

    private static final String XOR = """
            model Xor {
                input point: [2]
                dense 4 -> tanh
                dense 1
                loss binary_cross_entropy
                optimizer adam(lr = 0.1)
            }
            """;

    private static final String LINE = """
            model Line {
                input x: [1]
                dense 1
                loss mse
                optimizer sgd(lr = 0.01)
            }
            """;

    @TempDir
    Path project;
    private Path sources;
    private Path classes;
    private Path tests;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void layOut() throws IOException {
        sources = Files.createDirectories(project.resolve("src/main/nn"));
        classes = project.resolve("target/generated-sources/neurite");
        tests = project.resolve("target/generated-test-sources/neurite");
    }

    private GenerationSummary generate(String packageName, boolean smokeTests, List<String> excludes) {
        GenerationSettings settings = new GenerationSettings(sources, List.of("**/*.nn"), excludes, classes,
                smokeTests ? tests : null, packageName, project.resolve("target/neurite/state.properties"), "1.0");
        return new IncrementalGenerator(settings, log).run();
    }

    private GenerationSummary generate() {
        return generate("neurite.models", false, List.of());
    }

    private Path generated(String simpleName) {
        return classes.resolve("neurite/models/" + simpleName + ".java");
    }

    @Test
    void generatesOneClassPerModelAndLeavesUnchangedFilesAlone() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        Files.createDirectories(sources.resolve("regression"));
        Files.writeString(sources.resolve("regression/line.nn"), LINE);

        GenerationSummary first = generate();
        assertEquals(new GenerationSummary(2, 2, 0, 0, 0), first);
        assertTrue(Files.readString(generated("Xor")).contains("public final class Xor extends AbstractModel"));
        assertTrue(Files.isRegularFile(generated("Line")));

        FileTime written = Files.getLastModifiedTime(generated("Xor"));
        Files.setLastModifiedTime(generated("Xor"), FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(generated("Xor"));
        GenerationSummary second = generate();
        assertEquals(new GenerationSummary(2, 0, 2, 0, 0), second);
        assertEquals("Neurite: 0 of 2 .nn files regenerated (2 up to date)", second.describe());
        assertEquals(aged, Files.getLastModifiedTime(generated("Xor")), "an up-to-date class is not rewritten");
    }

    @Test
    void regeneratesAChangedFileAndDeletesTheClassOfARenamedModel() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        Files.writeString(sources.resolve("line.nn"), LINE);
        generate();

        Files.writeString(sources.resolve("xor.nn"), XOR.replace("model Xor", "model Xor2"));
        GenerationSummary summary = generate();

        assertEquals(new GenerationSummary(2, 1, 1, 0, 0), summary);
        assertTrue(Files.isRegularFile(generated("Xor2")));
        assertFalse(Files.exists(generated("Xor")), "the class of the renamed model is gone");
    }

    @Test
    void deletesTheClassesOfARemovedOrExcludedFile() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        Files.writeString(sources.resolve("line.nn"), LINE);
        generate();

        GenerationSummary excluded = generate("neurite.models", false, List.of("line.nn"));
        assertEquals(new GenerationSummary(1, 0, 1, 1, 0), excluded);
        assertFalse(Files.exists(generated("Line")));

        generate();
        Files.delete(sources.resolve("xor.nn"));
        assertEquals(new GenerationSummary(1, 0, 1, 1, 0), generate());
        assertFalse(Files.exists(generated("Xor")));
        assertTrue(log.text().contains("xor.nn is gone"), log.text());
    }

    @Test
    void aNewPackageRegeneratesEverythingAndRemovesTheOldClasses() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        generate();

        assertEquals(new GenerationSummary(1, 1, 0, 0, 0), generate("com.example.nets", false, List.of()));
        assertTrue(Files.isRegularFile(classes.resolve("com/example/nets/Xor.java")));
        assertFalse(Files.exists(generated("Xor")));
    }

    @Test
    void smokeTestsGoToTheTestFolder() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        generate("neurite.models", true, List.of());

        String test = Files.readString(tests.resolve("neurite/models/XorSmokeTest.java"));
        assertTrue(test.contains("new CpuBackend(1)"), test);
        assertTrue(test.contains("model.trainStep(input, targets, BATCH)"), test);
        assertTrue(test.contains("targets[i] = random.nextInt(2)"), "0/1 labels for binary cross-entropy: " + test);
        assertFalse(Files.exists(classes.resolve("neurite/models/XorSmokeTest.java")));
    }

    @Test
    void errorsAreLoggedWithTheirAbsolutePathLineAndColumnAndNothingIsGenerated() throws IOException {
        Path broken = sources.resolve("broken.nn");
        Files.writeString(broken, XOR.replace("dense 4 -> tanh", "dense 4 -> tahn"));

        GenerationSummary summary = generate();

        assertTrue(summary.errors() >= 1, log.text());
        assertFalse(Files.exists(generated("Xor")));
        String expected = "[ERROR] " + broken.toAbsolutePath() + ":[3,16] ";
        assertTrue(log.text().contains(expected), "expected " + expected + " in\n" + log.text());
        assertTrue(log.text().contains("^^^^"), "the caret snippet follows: " + log.text());
        assertEquals(summary.errors(), generate().errors(),
                "a file with errors is checked again on the next build even if unchanged");
    }

    @Test
    void aFixedFileDeletesWhatItGeneratedBeforeItBroke() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR);
        generate();
        Files.writeString(sources.resolve("xor.nn"), XOR.replace("dense 1", "dense"));
        assertTrue(generate().errors() > 0);

        Files.writeString(sources.resolve("xor.nn"), XOR.replace("model Xor", "model Xor2"));
        assertEquals(new GenerationSummary(1, 1, 0, 0, 0), generate());
        assertTrue(Files.isRegularFile(generated("Xor2")));
        assertFalse(Files.exists(generated("Xor")));
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorAtTheBadByte() throws IOException {
        Path latin1 = sources.resolve("latin1.nn");
        Files.write(latin1, "// caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertEquals(1, generate().errors());
        assertTrue(log.text().contains("[ERROR] " + latin1.toAbsolutePath() + ":[1,7] "), log.text());
    }

    @Test
    void warningsAreLoggedButDoNotFail() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), "const unused = 3\n" + XOR);

        GenerationSummary summary = generate();

        assertEquals(0, summary.errors());
        assertTrue(Files.isRegularFile(generated("Xor")));
        assertTrue(log.text().contains("[WARNING] " + sources.resolve("xor.nn").toAbsolutePath() + ":[1,7] "),
                log.text());
    }

    @Test
    void twoFilesDeclaringTheSameModelIsAnError() throws IOException {
        Files.writeString(sources.resolve("a.nn"), XOR);
        Files.writeString(sources.resolve("b.nn"), XOR);

        GenerationSummary summary = generate();

        assertEquals(1, summary.errors());
        assertTrue(log.text().contains("[ERROR] " + sources.resolve("b.nn").toAbsolutePath()
                + ": model Xor is declared in a.nn too: every model needs a name of its own within package"
                + " neurite.models; rename one of them"), log.text());
    }

    @Test
    void aModelNameUsedByTwoFilesIsReportedOnceEvenWithSmokeTests() throws IOException {
        Files.writeString(sources.resolve("a.nn"), XOR);
        Files.writeString(sources.resolve("b.nn"), XOR);

        GenerationSummary summary = generate("neurite.models", true, List.of());

        assertEquals(1, summary.errors(), log.text());
        assertEquals(1, errorLines(), log.text());
        assertTrue(log.text().contains(": model Xor is declared in a.nn too"), log.text());

        log.lines.clear();
        assertEquals(1, generate("neurite.models", true, List.of()).errors(), "a.nn is now up to date: " + log.text());
        assertEquals(1, errorLines(), log.text());
    }

    @Test
    void aModelDeclaredTwiceInOneFileIsReportedOnce() throws IOException {
        Files.writeString(sources.resolve("xor.nn"), XOR + XOR);

        GenerationSummary summary = generate("neurite.models", true, List.of());

        assertEquals(1, summary.errors(), log.text());
        assertEquals(1, errorLines(), log.text());
        assertTrue(log.text().contains("model `Xor` is declared twice"), log.text());
    }

    @Test
    void aMissingSourceFolderGeneratesNothing() {
        assertEquals(new GenerationSummary(0, 0, 0, 0, 0), generate());
    }

    private long errorLines() {
        return log.lines.stream().filter(line -> line.startsWith("[ERROR]")).count();
    }
}
