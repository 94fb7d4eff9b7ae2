package dev.neurite.runtime.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Enumerates the OpenCL devices of this machine: all devices of all platforms, platforms in the order the ICD
 * loader reports them and devices in each platform's order, numbered from 0. The numbering is stable as long
 * as the installed drivers do not change.
 */
public final class OpenClDevices {

    private OpenClDevices() {
    }

    /**
     * All devices, numbered as {@link OpenClBackend#open(int)} expects.
     *
     * @throws OpenClUnavailableException when the OpenCL library cannot be loaded or no device exists
     */
    public static List<OpenClDevice> list() {
        List<OpenClDevice> devices = new ArrayList<>();
        try {
            CL.setExceptionsEnabled(true);
            for (cl_platform_id platform : platforms()) {
                String platformName = platformString(platform, CL_PLATFORM_NAME);
                for (cl_device_id device : devicesOf(platform)) {
                    devices.add(describe(devices.size(), platformName, platform, device));
                }
            }
        } catch (LinkageError | CLException e) {
            // LinkageError: JOCL's native part or the system's libOpenCL.so.1 could not be loaded.
            throw new OpenClUnavailableException("no OpenCL platform found (" + oneLine(e) + "): "
                    + OpenClUnavailableException.INSTALL_HINT, e);
        }
        if (devices.isEmpty()) {
            throw new OpenClUnavailableException("no OpenCL platform found: " + OpenClUnavailableException.INSTALL_HINT);
        }
        return devices;
    }

    /** The device numbered {@code index} in {@link #list()}. */
    static OpenClDevice get(int index) {
        List<OpenClDevice> devices = list();
        if (index < 0 || index >= devices.size()) {
            throw new OpenClUnavailableException("no OpenCL device " + index + ": this machine has "
                    + devices.size() + " (0 to " + (devices.size() - 1) + "); run `neurite devices` to list them");
        }
        return devices.get(index);
    }

    private static cl_platform_id[] platforms() {
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        if (count[0] > 0) {
            CL.clGetPlatformIDs(count[0], platforms, null);
        }
        return platforms;
    }

    private static cl_device_id[] devicesOf(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                return new cl_device_id[0]; // a platform whose driver sees no hardware
            }
            throw e;
        }
        cl_device_id[] devices = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, count[0], devices, null);
        return devices;
    }

    private static OpenClDevice describe(int index, String platformName, cl_platform_id platform,
                                         cl_device_id device) {
        long[] type = new long[1];
        CL.clGetDeviceInfo(device, CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
        long[] memory = new long[1];
        CL.clGetDeviceInfo(device, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(memory), null);
        int[] computeUnits = new int[1];
        CL.clGetDeviceInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint, Pointer.to(computeUnits), null);
        long[] workGroup = new long[1];
        CL.clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(workGroup), null);
        return new OpenClDevice(index, platformName, deviceString(device, CL_DEVICE_NAME), typeName(type[0]),
                memory[0], computeUnits[0], workGroup[0], platform, device);
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        return "OTHER";
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }
}
