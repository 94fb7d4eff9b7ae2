package dev.neurite.compiler;

import dev.neurite.compiler.ast.SourceFile;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.check.Checker;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.ir.Program;
import dev.neurite.compiler.syntax.SourceParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The language front end: {@code .nn} text in, checked {@link Program} and diagnostics out. Never throws for
 * anything the text contains; every problem becomes a diagnostic.
 */
public final class Frontend {

    private Frontend() {
    }

    /**
     * Parses and checks {@code source}.
     *
     * @param fileName the name diagnostics show, e.g. {@code model.nn}
     */
    public static CheckResult check(String fileName, String source) {
        Reporter reporter = new Reporter(fileName);
        SourceFile file = SourceParser.parse(fileName, source, reporter);
        Program program = Checker.check(file, sha256(source), reporter);
        return new CheckResult(program, reporter.diagnostics(), source);
    }

    /**
     * Reads {@code path} as UTF-8 and checks it. Bytes that are not UTF-8 give diagnostic E0001 (pointing at the
     * first bad byte) instead of an exception.
     *
     * @throws IOException if the file cannot be read at all (missing, a directory, no permission)
     */
    public static CheckResult check(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String fileName = path.toString();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return check(fileName, decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return notUtf8(fileName, bytes);
        }
    }

    private static CheckResult notUtf8(String fileName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer valid = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, valid, true);
        int badByte = bytes[in.position()] & 0xFF;
        valid.flip();
        String before = valid.toString();
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - before.lastIndexOf('\n');
        String text = new String(bytes, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        Reporter reporter = new Reporter(fileName);
        reporter.error(Codes.NOT_UTF8, new Span(line, column, Math.max(1, result.length())),
                String.format("the file is not valid UTF-8 (byte 0x%02X)", badByte),
                "save the file as UTF-8");
        return new CheckResult(null, reporter.diagnostics(), text);
    }

    private static String sha256(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
