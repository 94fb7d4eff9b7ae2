package dev.neurite.runtime.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Device listing, and the one-line errors a user sees when OpenCL or the chosen device is missing. */
class OpenClDevicesTest {

    @Test
    void listsDevicesNumberedFromZeroWithTheirLimits() {
        OpenClTestSupport.assumeOpenClDevice();
        List<OpenClDevice> devices = OpenClDevices.list();
        for (int i = 0; i < devices.size(); i++) {
            OpenClDevice device = devices.get(i);
            assertEquals(i, device.index());
            assertFalse(device.name().isEmpty());
            assertFalse(device.platform().isEmpty());
            assertTrue(device.computeUnits() > 0 && device.maxWorkGroupSize() > 0 && device.globalMemoryBytes() > 0);
            assertTrue(device.toString().startsWith(i + ": " + device.name() + " (" + device.type()));
        }
    }

    @Test
    void openingAMissingDeviceSaysWhichOnesExist() {
        OpenClTestSupport.assumeOpenClDevice();
        int count = OpenClDevices.list().size();
        OpenClUnavailableException e = assertThrows(OpenClUnavailableException.class,
                () -> OpenClBackend.open(count + 4));
        assertEquals("no OpenCL device " + (count + 4) + ": this machine has " + count + " (0 to " + (count - 1)
                + "); run `neurite devices` to list them", e.getMessage());
        assertThrows(OpenClUnavailableException.class, () -> OpenClBackend.open(-1));
    }

    @Test
    void withoutOpenClTheErrorIsOneLineNamingWhatToInstall() {
        // Runs everywhere: on a machine without OpenCL this is the real path, elsewhere it checks the message.
        String message;
        try {
            OpenClDevices.list();
            message = new OpenClUnavailableException("no OpenCL platform found: "
                    + OpenClUnavailableException.INSTALL_HINT).getMessage();
        } catch (OpenClUnavailableException e) {
            message = e.getMessage();
        }
        assertTrue(message.startsWith("no OpenCL platform found"), message);
        assertTrue(message.contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void aClosedBackendRefusesFurtherWork() {
        OpenClTestSupport.assumeOpenClDevice();
        OpenClBackend backend = OpenClBackend.open(0);
        var buffer = backend.allocate(4);
        backend.close();
        backend.close(); // closing twice is harmless
        assertThrows(IllegalStateException.class, () -> backend.fill(buffer, 1, 4));
    }
}
