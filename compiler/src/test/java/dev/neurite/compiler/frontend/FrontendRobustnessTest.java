package dev.neurite.compiler.frontend;

import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The front end never throws and every diagnostic points inside the text, whatever the input: mutated
 * examples, garbage, huge files, deep nesting, bad encodings.
 */
class FrontendRobustnessTest {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*|[0-9.]+(e-?[0-9]+)?|\\S|\\s+");
    private static final String[] INSERTS = {"(", ")", "[", "]", "{", "}", "->", ",", ";", "\n", "=", "-", "*", "/",
        "\"", "/*", "//", "#", "dense", "model", "train", "input", "loss", "optimizer", "init", "0", "-1", "1e999",
        "x", "relu", "data", "é", "\u0000", "\t", "\r"};

    @Test
    void tenThousandMutatedFilesNeverThrowAndPointInsideTheText() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (Path example : ExamplesTest.examples()) {
            seeds.add(Files.readString(example));
        }
        Random random = new Random(20240611);
        int withErrors = 0;
        for (int i = 0; i < 10_000; i++) {
            String text = seeds.get(random.nextInt(seeds.size()));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                text = random.nextBoolean() ? mutateTokens(text, random) : mutateCharacters(text, random);
            }
            if (assertSane(text, "mutant " + i)) {
                withErrors++;
            }
        }
        assertTrue(withErrors > 5_000, "most mutants are wrong somewhere, got " + withErrors);
    }

    private static String mutateTokens(String text, Random random) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        if (tokens.isEmpty()) {
            return INSERTS[random.nextInt(INSERTS.length)];
        }
        int at = random.nextInt(tokens.size());
        switch (random.nextInt(4)) {
            case 0 -> tokens.remove(at);
            case 1 -> tokens.add(at, " " + INSERTS[random.nextInt(INSERTS.length)] + " ");
            case 2 -> tokens.set(at, tokens.get(random.nextInt(tokens.size())));
            default -> {
                int other = random.nextInt(tokens.size());
                String swap = tokens.get(at);
                tokens.set(at, tokens.get(other));
                tokens.set(other, swap);
            }
        }
        return String.join("", tokens);
    }

    private static String mutateCharacters(String text, Random random) {
        StringBuilder chars = new StringBuilder(text);
        int at = chars.length() == 0 ? 0 : random.nextInt(chars.length());
        switch (random.nextInt(3)) {
            case 0 -> {
                if (chars.length() > 0) {
                    chars.deleteCharAt(at);
                }
            }
            case 1 -> chars.insert(at, (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
            default -> {
                if (chars.length() > 1) {
                    int other = random.nextInt(chars.length());
                    char swap = chars.charAt(at);
                    chars.setCharAt(at, chars.charAt(other));
                    chars.setCharAt(other, swap);
                }
            }
        }
        return chars.toString();
    }

    /** Checks {@code text}; true if it has errors. Fails if anything throws or points outside the text. */
    private static boolean assertSane(String text, String what) {
        CheckResult result;
        try {
            result = Frontend.check("fuzz.nn", text);
            result.render();
        } catch (Throwable t) {
            throw new AssertionError(what + " threw on:\n" + text, t);
        }
        String[] lines = text.split("\n", -1);
        for (Diagnostic d : result.diagnostics()) {
            if (d.line() > lines.length) {
                fail(what + ": line " + d.line() + " beyond " + lines.length + " lines: " + d + "\n" + text);
            }
            String line = lines[d.line() - 1];
            if (d.column() > line.codePointCount(0, line.length()) + 1) {
                fail(what + ": column " + d.column() + " beyond line '" + line + "': " + d + "\n" + text);
            }
            assertFalse(d.message().contains("mismatched input") || d.message().contains("extraneous input")
                    || d.message().contains("no viable alternative"), what + ": raw ANTLR text in " + d);
        }
        assertEquals(result.hasErrors(), result.program() == null, what);
        return result.hasErrors();
    }

    @Test
    void emptyFileIsAValidProgramWithoutModels() {
        CheckResult result = Frontend.check("empty.nn", "");
        assertTrue(result.diagnostics().isEmpty());
        assertTrue(result.program().models().isEmpty());
    }

    @Test
    void binaryGarbageGivesDiagnostics(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(4096)];
            random.nextBytes(bytes);
            Path file = dir.resolve("garbage" + i + ".nn");
            Files.write(file, bytes);
            CheckResult result = Frontend.check(file);
            assertTrue(result.hasErrors());
            assertSane(result.source(), "garbage " + i);
            assertSane(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), "garbage text " + i);
        }
    }

    @Test
    void nonUtf8BytesAreReportedAtTheirPosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.nn");
        Files.write(file, "model M {\n  input caf\u00e9: [2]\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CheckResult result = Frontend.check(file);
        assertEquals(1, result.diagnostics().size());
        Diagnostic d = result.diagnostics().get(0);
        assertEquals(Codes.NOT_UTF8, d.code());
        assertEquals("the file is not valid UTF-8 (byte 0xE9)", d.message());
        assertEquals("2:12", d.line() + ":" + d.column());
        assertNull(result.program());
    }

    @Test
    void tenThousandNestedParenthesesGiveADiagnosticNotAStackOverflow() {
        String text = "const a = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n";
        CheckResult result = Frontend.check("deep.nn", text);
        assertEquals(Codes.TOO_DEEP, result.errors().get(0).code());
        String unclosed = "const a = " + "(".repeat(10_000) + "\n";
        assertEquals(Codes.TOO_DEEP, Frontend.check("deep.nn", unclosed).errors().get(0).code());
        String minuses = "const a = " + "-".repeat(100_000) + "1\nconst b = a * 2\n" + "model M {\n  input x: [b]\n"
                + "  dense 1\n  loss mse\n  optimizer sgd(0.1)\n}\n";
        assertFalse(Frontend.check("minus.nn", minuses).hasErrors(), "an even number of minuses cancels out");
        String sum = "const a = " + "1 + ".repeat(100_000) + "1\n";
        assertEquals(1, Frontend.check("sum.nn", sum).diagnostics().size(), "only: `a` is never used");
    }

    @Test
    void tenMegabyteFileIsCheckedInFull() {
        StringBuilder text = new StringBuilder("model Big {\n  input x: [16]\n");
        while (text.length() < 10_000_000) {
            text.append("  dense 16 -> relu   // ").append("a layer among many, checked like any other; ".repeat(5))
                    .append('\n');
        }
        text.append("  reul\n  dense 2\n  loss cross_entropy\n  optimizer adam\n}\n");
        CheckResult result = Frontend.check("big.nn", text.toString());
        assertEquals(1, result.diagnostics().size(), result::render);
        assertEquals("unknown layer `reul`", result.diagnostics().get(0).message());
    }
}
