package dev.neurite.compiler.diag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Edit distance, suggestions and the rustc-style rendering. */
class DiagTest {

    @Test
    void distanceCountsSwapsOfNeighboursAsOneEdit() {
        assertEquals(1, Suggestions.distance("reul", "relu"));
        assertEquals(1, Suggestions.distance("adma", "adam"));
        assertEquals(1, Suggestions.distance("epoch", "epochs"));
        assertEquals(3, Suggestions.distance("abc", ""));
        assertEquals(0, Suggestions.distance("mse", "mse"));
    }

    @Test
    void suggestsOnlyCloseCandidates() {
        List<String> layers = List.of("dense", "relu", "flatten");
        assertEquals("relu", Suggestions.closest("reul", layers).orElseThrow());
        assertEquals("flatten", Suggestions.closest("Flaten", layers).orElseThrow());
        assertEquals("did you mean `dense`?", Suggestions.didYouMean("dnese", layers, "none"));
        assertEquals("none", Suggestions.didYouMean("convolution", layers, "none"));
    }

    @Test
    void rendersHeaderLocationSourceLineCaretAndHelp() {
        String source = "model M {\n    input x: [2]\n\tdense 3 reul\n}\n";
        Diagnostic d = new Diagnostic(Severity.ERROR, "E0201", "unknown layer `reul`", "model.nn", 3, 10, 4,
                "did you mean `relu`?");
        assertEquals("""
                error[E0201]: unknown layer `reul`
                 --> model.nn:3:10
                  |
                3 |  dense 3 reul
                  |          ^^^^
                  = help: did you mean `relu`?
                """, new DiagnosticRenderer(source).render(d));
    }

    @Test
    void widensTheGutterForLongLineNumbersAndRendersWarningsWithoutHelp() {
        String source = "\n".repeat(11) + "const unused = 1\n";
        Diagnostic d = new Diagnostic(Severity.WARNING, "W0101", "constant `unused` is never used", "a.nn", 12, 7,
                6, null);
        assertEquals("""
                warning[W0101]: constant `unused` is never used
                  --> a.nn:12:7
                   |
                12 | const unused = 1
                   |       ^^^^^^
                """, new DiagnosticRenderer(source).render(d));
        assertEquals("a.nn:12:7: warning[W0101]: constant `unused` is never used", d.toString());
    }
}
