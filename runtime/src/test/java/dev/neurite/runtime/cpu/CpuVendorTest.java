package dev.neurite.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuVendorTest {

    @Test
    void readsTheVendorIdLineOfProcCpuinfo() {
        assertEquals(CpuVendor.AMD, CpuVendor.fromCpuinfo(
                "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel name\t: AMD EPYC\n"));
        assertEquals(CpuVendor.INTEL, CpuVendor.fromCpuinfo(
                "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n"));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(CpuVendor.OTHER, CpuVendor.fromCpuinfo("processor\t: 0\nvendor_id\t: HygonGenuine\n"));
        // ARM's /proc/cpuinfo has no vendor_id line.
        assertEquals(CpuVendor.OTHER, CpuVendor.fromCpuinfo("processor\t: 0\nCPU implementer\t: 0x41\n"));
        assertEquals(CpuVendor.OTHER, CpuVendor.fromCpuinfo(""));
    }
}
