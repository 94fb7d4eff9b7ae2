package dev.neurite.cli;

import dev.neurite.cli.summary.ModelSummary;
import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.ir.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code neurite check FILE...}: parses and checks each file, prints its diagnostics to stderr and, for a file
 * without errors, a summary of every model to stdout.
 */
@Command(name = "check", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Checks .nn files and prints a summary of each model.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .nn files to check")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = Main.OK;
        for (Path file : files) {
            exit = Math.max(exit, check(file, out, err));
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static int check(Path file, PrintWriter out, PrintWriter err) {
        CheckResult result;
        try {
            if (Files.isDirectory(file)) {
                err.println("neurite: " + file + " is a directory, not a .nn file");
                return Main.USAGE_OR_IO;
            }
            result = Frontend.check(file);
        } catch (NoSuchFileException e) {
            err.println("neurite: no such file: " + file);
            return Main.USAGE_OR_IO;
        } catch (AccessDeniedException e) {
            err.println("neurite: cannot read " + file + ": permission denied");
            return Main.USAGE_OR_IO;
        } catch (IOException e) {
            err.println("neurite: cannot read " + file + ": " + e.getMessage());
            return Main.USAGE_OR_IO;
        }
        err.print(result.render());
        if (result.hasErrors()) {
            int errors = result.errors().size();
            err.println("neurite: " + file + ": " + errors + " error" + (errors == 1 ? "" : "s"));
            return Main.HAS_ERRORS;
        }
        for (Model model : result.program().models()) {
            out.println(ModelSummary.format(model));
        }
        out.println(file + ": ok, " + result.program().models().size() + " model"
                + (result.program().models().size() == 1 ? "" : "s"));
        return Main.OK;
    }
}
