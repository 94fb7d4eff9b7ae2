package dev.neurite.runtime.backend;

import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.opencl.OpenClBackend;

/**
 * Opens a backend by the name users give it: {@code cpu} (the default), {@code opencl} (device 0) or
 * {@code opencl:N}. The same names work for the CLI's {@code --device}, the API, and the
 * {@code neurite.device} system property.
 */
public final class Backends {

    /** The system property that picks the device when no option does, e.g. {@code -Dneurite.device=opencl}. */
    public static final String DEVICE_PROPERTY = "neurite.device";

    private Backends() {
    }

    /** The CPU backend's thread count for a {@code threads} option: itself, or one per core for {@code 0}. */
    public static int cpuThreads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Opens {@code device} with {@code threads} CPU threads ({@code 0}: one per core; ignored by OpenCL).
     *
     * @throws IllegalArgumentException for an unknown device name, with the names that exist
     */
    public static Backend open(String device, int threads) {
        String name = name(device);
        if (name.equals("cpu")) {
            return new CpuBackend(cpuThreads(threads));
        }
        if (name.equals("opencl")) {
            return OpenClBackend.open(0);
        }
        if (name.startsWith("opencl:")) {
            String index = name.substring("opencl:".length());
            try {
                return OpenClBackend.open(Integer.parseInt(index));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + name + "': expected opencl:N with N a device number"
                        + " from `neurite devices`");
            }
        }
        throw new IllegalArgumentException("unknown device '" + name + "'; use cpu, opencl or opencl:N");
    }

    /** Whether {@link #open} opens the CPU backend for {@code device} (null: the property or the default). */
    public static boolean isCpu(String device) {
        return name(device).equals("cpu");
    }

    private static String name(String device) {
        return device == null ? System.getProperty(DEVICE_PROPERTY, "cpu") : device;
    }
}
