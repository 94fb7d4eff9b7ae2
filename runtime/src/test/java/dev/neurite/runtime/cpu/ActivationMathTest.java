package dev.neurite.runtime.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The error function behind exact GELU, against reference values (Python's {@code math.erf}/{@code erfc}). */
class ActivationMathTest {

    @Test
    void erfMatchesReferenceValuesOnBothSidesOfTheMethodSwitch() {
        double[][] erf = {{0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
                {2.4999, 0.9995928300996666}, {2.5, 0.999593047982555}, {3, 0.9999779095030014}};
        for (double[] c : erf) {
            assertEquals(c[1], ActivationMath.erf(c[0]), 1e-15, "erf(" + c[0] + ")");
            assertEquals(-c[1], ActivationMath.erf(-c[0]), 1e-15, "erf(-" + c[0] + ")");
        }
        assertEquals(0, ActivationMath.erf(0));
    }

    @Test
    void erfcIsRelativelyAccurateInTheTail() {
        double[][] erfc = {{3, 2.2090496998585438e-05}, {5, 1.5374597944280351e-12}, {10, 2.088487583762545e-45}};
        for (double[] c : erfc) {
            assertEquals(c[1], ActivationMath.erfc(c[0]), 1e-13 * c[1], "erfc(" + c[0] + ")");
        }
        assertEquals(0, ActivationMath.erfc(30));
    }
}
