package dev.neurite.cli;

import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.opencl.OpenClDevice;
import dev.neurite.runtime.opencl.OpenClDevices;
import dev.neurite.runtime.opencl.OpenClUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code neurite devices}: the CPU backend and every OpenCL device, with the names {@code --device} takes. */
@Command(name = "devices", mixinStandardHelpOptions = true, version = "neurite " + Main.VERSION,
        description = "Lists the devices models can run on.")
final class DevicesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Backend cpu = new CpuBackend(Runtime.getRuntime().availableProcessors())) {
            out.println("cpu         " + cpu.name());
        }
        try {
            List<OpenClDevice> devices = OpenClDevices.list();
            for (OpenClDevice device : devices) {
                out.println("opencl:" + device.index() + "    " + device);
            }
        } catch (OpenClUnavailableException e) {
            out.println("opencl      unavailable: " + e.getMessage());
        }
        out.flush();
        return Main.OK;
    }
}
