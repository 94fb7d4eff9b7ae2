package dev.neurite.compiler.codegen;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The generated class of every example model compiles with {@code -Xlint:all -Werror}. */
class ExamplesCompileTest {

    @Test
    void everyExampleCompilesWithoutWarnings() throws IOException {
        for (Path example : GoldenFilesTest.examples()) {
            CheckResult result = Frontend.check(example.getFileName().toString(), Files.readString(example));
            assertFalse(result.hasErrors(), () -> example + ": " + result.diagnostics());
            assertEquals(result.program().models().size(), GeneratedModels.compile(result.program()).size());
        }
    }
}
