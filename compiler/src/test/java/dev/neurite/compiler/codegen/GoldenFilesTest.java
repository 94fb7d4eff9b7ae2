package dev.neurite.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The generated Java of every example is checked in under {@code src/test/resources/golden}, so any change to the
 * generator shows up as a readable diff in review. After an intended change, regenerate them with
 * {@code mvn -pl compiler test -Dtest=GoldenFilesTest -Dneurite.updateGolden=true} and commit the diff.
 */
class GoldenFilesTest {

    static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "nn");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @TestFactory
    Stream<DynamicTest> generatedSourcesMatchTheGoldenFiles() throws IOException {
        boolean update = Boolean.getBoolean("neurite.updateGolden");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : examples()) {
            CheckResult result = Frontend.check(EXAMPLES.relativize(example).toString(), Files.readString(example));
            assertFalse(result.hasErrors(), () -> example + " has errors: " + result.diagnostics());
            for (JavaFile file : GeneratedModels.sources(result.program(), GeneratedModels.DEFAULT_PACKAGE)) {
                Path golden = GOLDEN.resolve(file.typeSpec().name() + ".java");
                String generated = file.toString();
                tests.add(DynamicTest.dynamicTest(example.getFileName() + " -> " + golden.getFileName(), () -> {
                    if (update) {
                        Files.createDirectories(GOLDEN);
                        Files.writeString(golden, generated, StandardCharsets.UTF_8);
                    }
                    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated,
                            "generated source changed; if intended, regenerate with -Dneurite.updateGolden=true");
                }));
            }
        }
        return tests.stream();
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
    }
}
