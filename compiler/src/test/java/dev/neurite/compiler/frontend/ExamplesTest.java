package dev.neurite.compiler.frontend;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every example under examples/src/main/nn checks without errors and declares a trainable model. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "nn");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() throws IOException {
        List<Path> files = examples();
        assertEquals(7, files.size(), "examples: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            CheckResult result = Frontend.check(file);
            assertFalse(result.hasErrors(), result::render);
            assertNotNull(result.program());
            assertFalse(result.program().models().isEmpty());
            for (var model : result.program().models()) {
                assertNotNull(result.program().training(model.name()).orElse(null),
                        "model " + model.name() + " has a train block");
            }
        }));
    }
}
