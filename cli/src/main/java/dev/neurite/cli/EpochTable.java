package dev.neurite.cli;

import dev.neurite.runtime.train.EpochResult;
import dev.neurite.runtime.train.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training as it happens: a progress bar per epoch on the terminal (with the running loss), and one table
 * row per finished epoch on standard output, like the PyTorch tutorial's loop prints. Runs of many short epochs
 * (the nnfs models train for a thousand) print about {@value #MAX_ROWS} evenly spaced rows and the last one.
 */
final class EpochTable implements TrainingListener {

    private static final int MAX_ROWS = 20;

    private static final String HEADER = "epoch  train loss  val loss  val acc  seconds  samples/s";

    private final PrintWriter out;
    private final boolean progress;
    private final int epochs;
    private final int rowEvery;
    private ProgressBar bar;
    private int totalEpochs = -1;
    private double runningLoss;
    private int runningSteps;

    /** A table for a run of {@code epochs} epochs; {@code progress} draws progress bars on stderr. */
    EpochTable(PrintWriter out, boolean progress, int epochs) {
        this.out = out;
        this.progress = progress;
        this.epochs = epochs;
        this.rowEvery = Math.max(1, (epochs + MAX_ROWS - 1) / MAX_ROWS);
    }

    @Override
    public void onEpochStart(int epoch, int steps) {
        if (totalEpochs < 0) {
            out.println(HEADER);
            out.flush();
            totalEpochs = 0;
        }
        runningLoss = 0;
        runningSteps = 0;
        if (progress) {
            bar = new ProgressBarBuilder()
                    .setTaskName("epoch " + epoch)
                    .setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true), 100))
                    .clearDisplayOnFinish()
                    .build();
        }
    }

    @Override
    public void onStep(int epoch, int step, double loss) {
        runningLoss += loss;
        runningSteps++;
        if (bar != null) {
            bar.step();
            if (step % 50 == 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss / runningSteps));
            }
        }
    }

    /** A loss with four decimals, or in scientific notation once training has blown it up. */
    private static String loss(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 1e5 ? "%.4f" : "%.3e", value);
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (result.epoch() % rowEvery != 0 && result.epoch() != 1 && result.epoch() != epochs) {
            return;
        }
        out.printf(Locale.ROOT, "%5d  %10s  %8s  %7s  %7.1f  %,9.0f%n", result.epoch(), loss(result.trainLoss()),
                result.hasValidation() ? loss(result.validationLoss()) : "-",
                Double.isNaN(result.validationAccuracy()) ? "-"
                        : String.format(Locale.ROOT, "%.2f%%", 100 * result.validationAccuracy()),
                result.seconds(), result.samplesPerSecond());
        out.flush();
    }
}
