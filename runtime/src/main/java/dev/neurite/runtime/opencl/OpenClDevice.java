package dev.neurite.runtime.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as {@link OpenClDevices#list()} found it: what {@code neurite devices} prints, and the
 * handles {@link OpenClBackend} opens it with.
 */
public final class OpenClDevice {

    private final int index;
    private final String platform;
    private final String name;
    private final String type;
    private final long globalMemoryBytes;
    private final int computeUnits;
    private final long maxWorkGroupSize;
    private final cl_platform_id platformId;
    private final cl_device_id deviceId;

    OpenClDevice(int index, String platform, String name, String type, long globalMemoryBytes, int computeUnits,
                 long maxWorkGroupSize, cl_platform_id platformId, cl_device_id deviceId) {
        this.index = index;
        this.platform = platform;
        this.name = name;
        this.type = type;
        this.globalMemoryBytes = globalMemoryBytes;
        this.computeUnits = computeUnits;
        this.maxWorkGroupSize = maxWorkGroupSize;
        this.platformId = platformId;
        this.deviceId = deviceId;
    }

    /** The number to pass to {@link OpenClBackend#open(int)}. */
    public int index() {
        return index;
    }

    /** The platform (driver) name, for example {@code Portable Computing Language}. */
    public String platform() {
        return platform;
    }

    public String name() {
        return name;
    }

    /** {@code CPU}, {@code GPU}, {@code ACCELERATOR} or {@code OTHER}. */
    public String type() {
        return type;
    }

    public boolean isCpu() {
        return type.equals("CPU");
    }

    public long globalMemoryBytes() {
        return globalMemoryBytes;
    }

    public int computeUnits() {
        return computeUnits;
    }

    public long maxWorkGroupSize() {
        return maxWorkGroupSize;
    }

    cl_platform_id platformId() {
        return platformId;
    }

    cl_device_id deviceId() {
        return deviceId;
    }

    /** One line such as {@code 0: pthread-skylake (CPU, Portable Computing Language), 2 compute units, ...}. */
    @Override
    public String toString() {
        return String.format("%d: %s (%s, %s), %d compute units, %d MiB global memory, work-groups up to %d",
                index, name, type, platform, computeUnits, globalMemoryBytes >> 20, maxWorkGroupSize);
    }
}
