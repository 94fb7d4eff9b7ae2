package dev.neurite.cli;

import dev.neurite.cli.summary.ModelSummary;
import dev.neurite.compiler.ir.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
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
        SpecFile specFile;
        try {
            specFile = SpecFile.read(file, err, true);
        } catch (CliException e) {
            err.println("neurite: " + e.getMessage());
            return e.exitCode();
        }
        List<Model> models = specFile.program().models();
        for (Model model : models) {
            out.println(ModelSummary.format(model));
        }
        out.println(file + ": ok, " + models.size() + " model" + (models.size() == 1 ? "" : "s"));
        return Main.OK;
    }
}
