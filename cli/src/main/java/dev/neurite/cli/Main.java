package dev.neurite.cli;

import dev.neurite.runtime.checkpoint.CheckpointException;
import dev.neurite.runtime.data.DataException;
import dev.neurite.runtime.opencl.OpenClUnavailableException;
import dev.neurite.runtime.train.TrainingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The {@code neurite} command. Each subcommand is its own class listed in {@code subcommands}; adding one is a
 * new class plus one entry there. Exit codes: 0 success, 1 the input has errors (diagnostics), 2 usage or I/O
 * problems (a bad option, a missing or unreadable file).
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Compiles declarative .nn neural-network specs to Java, and trains and runs them.",
        subcommands = {CheckCommand.class, CompileCommand.class, TrainCommand.class, EvalCommand.class,
                PredictCommand.class, DevicesCommand.class})
public final class Main implements Callable<Integer> {

    static final String VERSION = "0.1.0-SNAPSHOT";

    public static final int OK = 0;
    public static final int HAS_ERRORS = 1;
    public static final int USAGE_OR_IO = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with every subcommand, ready to {@code execute}; tests redirect its out and err. Picocli
     * already exits with 2 ({@link #USAGE_OR_IO}) on invalid input.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::userError);
    }

    /**
     * Problems a user can fix (a bad file, missing data, a wrong checkpoint, no OpenCL driver) end the command
     * with one line on stderr and a non-zero exit; anything else is a bug in Neurite and keeps its stack trace.
     */
    private static int userError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        int exitCode;
        if (e instanceof CliException cli) {
            exitCode = cli.exitCode();
        } else if (e instanceof DataException || e instanceof CheckpointException || e instanceof TrainingException
                || e instanceof OpenClUnavailableException) {
            exitCode = HAS_ERRORS;
        } else if (e instanceof java.io.IOException) {
            exitCode = USAGE_OR_IO;
        } else {
            throw e;
        }
        commandLine.getErr().println("neurite: " + e.getMessage());
        commandLine.getErr().flush();
        return exitCode;
    }

    /** {@code neurite} without a subcommand: the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_OR_IO;
    }
}
