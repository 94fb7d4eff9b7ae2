package dev.neurite.runtime.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The maker of the CPU this JVM runs on, as Linux reports it in {@code /proc/cpuinfo} ({@code vendor_id}). Java
 * has no CPUID of its own; a kernel whose best shape was measured to differ between the two vendors' cores
 * chooses by this, the way BLAS libraries choose kernels per core type. Anything unreadable is {@link #OTHER}.
 */
enum CpuVendor {
    INTEL,
    AMD,
    OTHER;

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** This machine's vendor, read once. */
    static final CpuVendor CURRENT = detect();

    private static CpuVendor detect() {
        try {
            return fromCpuinfo(Files.readString(CPUINFO));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no access: no vendor-specific choice.
            return OTHER;
        }
    }

    /** The vendor named by the first {@code vendor_id} line of a {@code /proc/cpuinfo} text. */
    static CpuVendor fromCpuinfo(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("vendor_id")) {
                String id = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                return switch (id) {
                    case "genuineintel" -> INTEL;
                    case "authenticamd" -> AMD;
                    default -> OTHER;
                };
            }
        }
        return OTHER;
    }
}
