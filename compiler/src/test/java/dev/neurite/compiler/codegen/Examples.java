package dev.neurite.compiler.codegen;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.ir.Program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The example {@code .nn} files of the examples module, checked and compiled for tests. */
final class Examples {

    static final Path DIRECTORY = Path.of("..", "examples", "src", "main", "nn");

    private Examples() {
    }

    static Program program(String fileName) {
        try {
            CheckResult result = Frontend.check(fileName, Files.readString(DIRECTORY.resolve(fileName)));
            if (result.hasErrors()) {
                throw new AssertionError(fileName + " has errors:\n" + result.render());
            }
            return result.program();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, GeneratedModels.Factory> compile(String fileName) {
        return GeneratedModels.compile(program(fileName));
    }
}
