package dev.neurite.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * Runs {@link GemmBenchmark} and prints a Markdown table of GFLOP/s per shape and thread count, with the share
 * of a peak given in GFLOP/s per core. Usage: {@code GemmReport [peakPerCore] [JMH options...]}, for example
 * {@code GemmReport 166 -p shape=FWD_784_512}.
 */
public final class GemmReport {

    private GemmReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        double peakPerCore = args.length > 0 && !args[0].startsWith("-") ? Double.parseDouble(args[0]) : 0;
        String[] jmhArgs = peakPerCore > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(jmhArgs))
                .include(GemmBenchmark.class.getSimpleName())
                .build()).run();
        List<String> rows = new ArrayList<>();
        rows.add("| shape | m x n x k | threads | caches | GFLOP/s | % of peak |");
        rows.add("|---|---|---|---|---|---|");
        for (RunResult result : results) {
            GemmShape shape = GemmShape.valueOf(result.getParams().getParam("shape"));
            int threads = Integer.parseInt(result.getParams().getParam("threads"));
            double callsPerSecond = result.getPrimaryResult().getScore();
            double gflops = callsPerSecond * shape.flops() / 1e9;
            String share = peakPerCore > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / (peakPerCore * threads))
                    : "-";
            rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %s |",
                    shape, shape.dimensions(), threads, result.getParams().getParam("caches"), gflops, share));
        }
        rows.forEach(System.out::println);
    }
}
