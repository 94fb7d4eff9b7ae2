package dev.neurite.cli;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.diag.DiagnosticRenderer;
import dev.neurite.compiler.diag.Severity;
import dev.neurite.compiler.codegen.GeneratedModels;
import dev.neurite.compiler.javac.ClassCache;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.runtime.optim.OptimizerSpec;
import dev.neurite.runtime.train.TrainSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@code .nn} file as the commands use it: read, checked (diagnostics shown), one model chosen, compiled.
 * Every problem a user can fix becomes a {@link CliException}: exit 2 for a file that cannot be read, exit 1
 * for a file with errors or a model that does not exist.
 */
final class SpecFile {

    private final Path path;
    private final Program program;

    private SpecFile(Path path, Program program) {
        this.path = path;
        this.program = program;
    }

    /**
     * Reads and checks {@code path}, printing its errors and warnings to {@code err}; notes (such as a softmax
     * fused into the loss) only when {@code withNotes}, as {@code neurite check} wants.
     */
    static SpecFile read(Path path, PrintWriter err, boolean withNotes) {
        CheckResult result;
        try {
            if (Files.isDirectory(path)) {
                throw new CliException(Main.USAGE_OR_IO, path + " is a directory, not a .nn file");
            }
            result = Frontend.check(path);
        } catch (NoSuchFileException e) {
            throw new CliException(Main.USAGE_OR_IO, "no such file: " + path);
        } catch (AccessDeniedException e) {
            throw new CliException(Main.USAGE_OR_IO, "cannot read " + path + ": permission denied");
        } catch (IOException e) {
            throw new CliException(Main.USAGE_OR_IO, "cannot read " + path + ": " + e.getMessage());
        }
        err.print(new DiagnosticRenderer(result.source()).render(result.diagnostics().stream()
                .filter(d -> withNotes || d.severity() != Severity.NOTE).toList()));
        err.flush();
        if (result.hasErrors()) {
            int errors = result.errors().size();
            throw new CliException(Main.HAS_ERRORS, path + ": " + errors + " error" + (errors == 1 ? "" : "s"));
        }
        return new SpecFile(path, result.program());
    }

    Path path() {
        return path;
    }

    Program program() {
        return program;
    }

    /**
     * The model {@code name} names; without a name, the file's only model, or else its only model with a
     * {@code train} block.
     */
    Model model(String name) {
        List<Model> models = program.models();
        if (name != null) {
            return program.model(name).orElseThrow(() -> new CliException(Main.HAS_ERRORS,
                    path + " has no model '" + name + "'; it has: " + names(models)));
        }
        if (models.isEmpty()) {
            throw new CliException(Main.HAS_ERRORS, path + " declares no model");
        }
        if (models.size() == 1) {
            return models.get(0);
        }
        List<Model> trained = models.stream().filter(m -> program.training(m.name()).isPresent()).toList();
        if (trained.size() == 1) {
            return trained.get(0);
        }
        throw new CliException(Main.USAGE_OR_IO, path + " has several models (" + names(models)
                + "); choose one with --model NAME");
    }

    /** The {@code train} block of {@code model}; required by the commands that load data. */
    TrainSpec training(Model model) {
        return program.training(model.name()).orElseThrow(() -> new CliException(Main.HAS_ERRORS,
                path + ": model " + model.name() + " has no train block; add one, e.g.\n\n    train " + model.name()
                        + " {\n        data fashion_mnist\n        epochs 5\n    }"));
    }

    /**
     * Generates and compiles {@code model} in memory, with its learning rate replaced when {@code lr} is set.
     * The class files are kept in the user's {@link ClassCache}, so an unchanged model skips javac next time.
     */
    GeneratedModels.Factory compile(Model model, Double lr) {
        Model chosen = model;
        if (lr != null) {
            if (!(lr > 0)) {
                throw new CliException(Main.USAGE_OR_IO, "--lr must be positive, got " + lr);
            }
            Map<String, Double> args = new HashMap<>(model.optimizer().args());
            args.put("lr", lr);
            chosen = new Model(model.name(), model.sourceFile(), model.line(), model.inputName(), model.inputShape(),
                    model.layers(), model.loss(), new OptimizerSpec(model.optimizer().kind(), args));
        }
        Program single = new Program(program.sourceFile(), program.sourceHash(), List.of(chosen),
                program.trainings());
        return GeneratedModels.compile(single, ClassCache.standard()).get(chosen.name());
    }

    private static String names(List<Model> models) {
        return models.stream().map(Model::name).collect(Collectors.joining(", "));
    }
}
