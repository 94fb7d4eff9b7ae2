package dev.neurite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Compares builds of the runtime inside one JVM: each jar gets its own class loader and its own copy of
 * {@link VersionWorkload}, and the versions take turns, round by round, in a rotating order. On a virtual machine
 * whose speed moves by 20-30% from one minute to the next, two runs in separate processes cannot tell a 5% change
 * from the machine; alternating short rounds can, because both versions see the same seconds of it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.neurite.bench.VersionCompare \
 *     WORKLOAD THREADS BATCH WIDTHS ROUNDS CALLS JAR...
 * e.g. step 2 64 784,512,512,10 150 20 /tmp/before.jar runtime/target/neurite-runtime-0.1.0-SNAPSHOT.jar
 * </pre>
 *
 * <p>{@code WORKLOAD} is {@code step} (a training step) or {@code forward} (inference); each round runs
 * {@code CALLS} of them per version. The first quarter of the rounds is dropped (JIT warm-up). For each version it
 * prints the median samples/s and the median of the per-round ratio to the first jar, with the 10th and 90th
 * percentiles of that ratio. Passing the same jar twice measures the noise floor.
 */
public final class VersionCompare {

    private static final String WORKLOAD = VersionWorkload.class.getName();
    private static final String BENCH_PACKAGE = VersionCompare.class.getPackageName() + ".";

    private VersionCompare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: VersionCompare WORKLOAD THREADS BATCH WIDTHS ROUNDS CALLS JAR...");
            System.exit(2);
        }
        String workload = args[0];
        int threads = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        String widths = args[3];
        int rounds = Integer.parseInt(args[4]);
        int calls = Integer.parseInt(args[5]);
        String[] jars = Arrays.copyOfRange(args, 6, args.length);
        int versions = jars.length;
        Method[] run = new Method[versions];
        for (int v = 0; v < versions; v++) {
            Class<?> type = new VersionLoader(Path.of(jars[v])).loadClass(WORKLOAD);
            type.getMethod("setUp", String.class, int.class, int.class, String.class)
                    .invoke(null, workload, threads, batch, widths);
            run[v] = type.getMethod("run", int.class);
        }
        double[][] rate = new double[versions][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < versions; o++) {
                int v = (o + r) % versions;
                long nanos = (long) run[v].invoke(null, calls);
                rate[v][r] = (double) calls * batch / (nanos / 1e9);
            }
        }
        int skip = rounds / 4;
        System.out.printf(Locale.ROOT, "%s, %d threads, batch %d, MLP %s, %d rounds of %d (first %d dropped)%n",
                workload, threads, batch, widths, rounds, calls, skip);
        for (int v = 0; v < versions; v++) {
            double[] samples = Arrays.copyOfRange(rate[v], skip, rounds);
            double[] ratio = new double[rounds - skip];
            for (int r = skip; r < rounds; r++) {
                ratio[r - skip] = rate[v][r] / rate[0][r];
            }
            Arrays.sort(samples);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "  %-50s %,10.0f samples/s   x%.3f (p10-p90 %.2f-%.2f)%n", jars[v],
                    percentile(samples, 0.5), percentile(ratio, 0.5), percentile(ratio, 0.1), percentile(ratio, 0.9));
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /**
     * Loads the runtime from one jar, and this package's classes ({@link VersionWorkload} and what it uses) from
     * this tool's own class files, defined anew so that they link against that jar's classes. Everything else
     * comes from the JDK.
     */
    private static final class VersionLoader extends URLClassLoader {

        VersionLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            if (!jar.toFile().isFile()) {
                throw new IOException("no such jar: " + jar);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.startsWith(BENCH_PACKAGE)) {
                return super.findClass(name);
            }
            String resource = "/" + name.replace('.', '/') + ".class";
            try (InputStream in = VersionCompare.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
