package dev.neurite.runtime.opencl;

/**
 * No usable OpenCL device: the OpenCL loader library is missing, no driver (platform) is installed, or the
 * requested device index does not exist. The message is one line saying what to install or choose, meant to be
 * printed as is.
 */
public final class OpenClUnavailableException extends RuntimeException {

    /** What to install when nothing at all is found; part of every "no platform" message. */
    static final String INSTALL_HINT = "install an OpenCL driver, e.g. `apt-get install pocl-opencl-icd "
            + "ocl-icd-libopencl1` (CPU) or your GPU vendor's ICD";

    OpenClUnavailableException(String message) {
        super(message);
    }

    OpenClUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
