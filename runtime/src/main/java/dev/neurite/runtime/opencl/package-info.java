/**
 * The OpenCL backend: every {@link dev.neurite.runtime.backend.Backend} kernel on any OpenCL device, through
 * JOCL.
 *
 * <h2>Choosing a device</h2>
 *
 * {@link dev.neurite.runtime.opencl.OpenClDevices#list()} numbers the devices of all installed platforms from 0
 * (platforms in the order the ICD loader reports them, devices in each platform's order); {@code neurite devices}
 * prints that list, and {@link dev.neurite.runtime.opencl.OpenClBackend#open(int)} opens one by its number. The
 * GEMM kernel follows the device type: register-blocked float16 kernels on CPUs, local-memory tiles on GPUs and
 * accelerators; {@link dev.neurite.runtime.opencl.OpenClBackend#open(int, GemmKernel)} overrides the choice.
 * Without any OpenCL platform, opening fails with a one-line
 * {@link dev.neurite.runtime.opencl.OpenClUnavailableException} that names what to install.
 *
 * <h2>What a machine needs</h2>
 *
 * JOCL's jar carries its own native glue; it loads the system's OpenCL ICD loader ({@code libOpenCL.so.1}, Debian
 * package {@code ocl-icd-libopencl1}), which dispatches to the installed drivers. A machine without a GPU can use
 * PoCL's CPU device ({@code apt-get install pocl-opencl-icd ocl-icd-libopencl1}); that is what the tests run on.
 * A machine with a GPU needs its vendor's OpenCL driver (ICD): NVIDIA's driver ships one, AMD's through ROCm
 * ({@code rocm-opencl-runtime}), Intel's through {@code intel-opencl-icd}. {@code clinfo -l} shows what the loader
 * finds. The kernels use OpenCL C 1.2 without extensions, and work-group sizes come from the device's limits.
 *
 * <h2>Adding another device family, such as TornadoVM</h2>
 *
 * Generated models call only {@link dev.neurite.runtime.backend.Backend}, so a TornadoVM backend is a new package
 * beside this one: a {@code TornadoBackend implements Backend} whose {@code Buffer} wraps TornadoVM's
 * {@code FloatArray} (plus an offset, for views), whose kernels are {@code TaskGraph}s of Java methods annotated
 * with {@code @Parallel} (built and kept once per backend, like the programs here), and whose losses read back one
 * number. Nothing in the compiler or in generated code changes; the CLI maps a new backend name to the class, and
 * the same reference tests (each kernel against {@code DoubleCpuBackend} on awkward sizes) apply unchanged.
 */
package dev.neurite.runtime.opencl;
