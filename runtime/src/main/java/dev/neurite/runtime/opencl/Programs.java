package dev.neurite.runtime.opencl;

import static org.jocl.CL.CL_KERNEL_FUNCTION_NAME;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import dev.neurite.runtime.backend.Activation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * Builds OpenCL programs from the kernel sources stored as resources next to this class, and keeps them until
 * the context closes. Every program starts with {@code activations.cl} and the {@code ACT_*} codes of
 * {@link Activation}, so kernels and host agree on the numbering by construction.
 */
final class Programs {

    private final cl_context context;
    private final cl_device_id device;
    private final List<cl_program> built = new ArrayList<>();

    Programs(cl_context context, cl_device_id device) {
        this.context = context;
        this.device = device;
    }

    /** Builds the concatenation of the named sources with extra {@code -D} options (may be empty). */
    cl_program build(String options, String... sourceNames) {
        StringBuilder source = new StringBuilder(resource("activations.cl"));
        for (String name : sourceNames) {
            source.append('\n').append(resource(name));
        }
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source.toString()}, null, null);
        built.add(program);
        String allOptions = activationDefines() + " " + options;
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device}, allOptions, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL kernels " + String.join(", ", sourceNames)
                    + " failed to build on this device: " + buildLog(program), e);
        }
        return program;
    }

    /** One kernel object for every kernel function of {@code program}, by function name. */
    Map<String, cl_kernel> createKernels(cl_program program) {
        int[] count = new int[1];
        CL.clCreateKernelsInProgram(program, 0, null, count);
        cl_kernel[] created = new cl_kernel[count[0]];
        CL.clCreateKernelsInProgram(program, count[0], created, null);
        Map<String, cl_kernel> byName = new HashMap<>();
        for (cl_kernel kernel : created) {
            long[] size = new long[1];
            CL.clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, 0, null, size);
            byte[] name = new byte[(int) size[0]];
            CL.clGetKernelInfo(kernel, CL_KERNEL_FUNCTION_NAME, name.length, Pointer.to(name), null);
            byName.put(new String(name, 0, name.length - 1, StandardCharsets.US_ASCII), kernel);
        }
        return byName;
    }

    void release() {
        built.forEach(CL::clReleaseProgram);
        built.clear();
    }

    private static String activationDefines() {
        StringBuilder defines = new StringBuilder();
        for (Activation activation : Activation.values()) {
            defines.append(" -DACT_").append(activation.name()).append('=').append(activation.ordinal());
        }
        return defines.toString().trim();
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    private static String resource(String name) {
        try (InputStream in = Programs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + name + " is missing from the runtime jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
