package dev.neurite.cli;

import com.palantir.javapoet.JavaFile;
import dev.neurite.runtime.io.AtomicFiles;
import dev.neurite.compiler.codegen.GeneratedModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.lang.model.SourceVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code neurite compile FILE -o DIR}: writes the generated Java class of every model in the file. */
@Command(name = "compile", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Generates the Java source of every model in a .nn file.")
final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .nn file")
    Path file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "source root to write into (package folders are created)")
    Path output;

    @Option(names = "--package", paramLabel = "P", description = "package of the generated classes (default: "
            + GeneratedModels.DEFAULT_PACKAGE + ")")
    String packageName = GeneratedModels.DEFAULT_PACKAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!SourceVersion.isName(packageName)) {
            throw new CliException(Main.USAGE_OR_IO, "--package '" + packageName + "' is not a Java package name");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new CliException(Main.USAGE_OR_IO, output + " exists and is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        SpecFile specFile = SpecFile.read(file, spec.commandLine().getErr(), false);
        for (JavaFile javaFile : GeneratedModels.sources(specFile.program(), packageName)) {
            Path target = output.resolve(packageName.replace('.', '/'))
                    .resolve(javaFile.typeSpec().name() + ".java");
            String source = javaFile.toString();
            AtomicFiles.write(target, path -> Files.writeString(path, source, StandardCharsets.UTF_8));
            out.println("wrote " + target);
        }
        out.flush();
        return Main.OK;
    }
}
