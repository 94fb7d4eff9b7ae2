package dev.neurite.cli;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Backends;
import picocli.CommandLine.Option;

/** The {@code --device} and {@code --threads} options shared by every command that runs a model. */
final class DeviceOptions {

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "cpu (default), opencl or opencl:N (see `neurite devices`); default from -Dneurite.device")
    String device;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads (default or 0: one per core); results are identical for any count")
    int threads;

    /** Whether {@link #open} opens the CPU backend. */
    boolean isCpu() {
        return Backends.isCpu(device);
    }

    /** The thread count the CPU backend gets from {@link #open}. */
    int cpuThreads() {
        return Backends.cpuThreads(Math.max(threads, 0));
    }

    Backend open() {
        if (threads < 0) {
            throw new CliException(Main.USAGE_OR_IO, "--threads must be positive, got " + threads);
        }
        try {
            return Backends.open(device, threads);
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.USAGE_OR_IO, e.getMessage());
        }
    }
}
