package dev.neurite.compiler.syntax;

import dev.neurite.compiler.ast.SourceFile;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.grammar.NeuriteLexer;
import dev.neurite.grammar.NeuriteParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code .nn} text into an AST, reporting lexical and syntax errors as diagnostics. Never throws on any
 * input: bad characters, unterminated strings and comments are reported from the token stream, nesting deeper
 * than {@link #MAX_NESTING} is refused before parsing (so no input can exhaust the stack), and ANTLR's errors are
 * reworded by {@link FriendlyErrorStrategy}.
 */
public final class SourceParser {

    /** Deepest nesting of {@code ( [ {} accepted; real models need a handful of levels. */
    public static final int MAX_NESTING = 64;

    private SourceParser() {
    }

    /**
     * Parses {@code source}; the result holds every declaration that parsed, those with syntax errors inside
     * marked incomplete.
     */
    public static SourceFile parse(String fileName, String source, Reporter reporter) {
        NeuriteLexer lexer = new NeuriteLexer(CharStreams.fromString(source, fileName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        Set<Integer> linesWithErrors = new HashSet<>();
        reportLexicalErrors(tokens.getTokens(), reporter, linesWithErrors);
        if (tooDeep(tokens.getTokens(), reporter)) {
            return new SourceFile(fileName, List.of());
        }

        NeuriteParser parser = new NeuriteParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                    String message, RecognitionException e) {
                // Every report goes through FriendlyErrorStrategy; ANTLR's own texts never reach the user.
            }
        });
        List<SyntaxError> errors = new ArrayList<>();
        parser.setErrorHandler(new FriendlyErrorStrategy(errors::add));
        // The grammar needs no full-context prediction; SLL is the same parse, faster (notably on broken input).
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        NeuriteParser.ProgramContext program = parser.program();

        List<Integer> errorTokens = new ArrayList<>();
        for (SyntaxError error : errors) {
            errorTokens.add(error.at().getTokenIndex());
            // One syntax error per line: what follows the first is usually a consequence of it.
            if (linesWithErrors.add(error.at().getLine())) {
                reporter.error(Codes.SYNTAX, span(error.at()), error.message(), error.help());
            }
        }
        return new AstBuilder(fileName, errorTokens).build(program);
    }

    private static void reportLexicalErrors(List<Token> tokens, Reporter reporter, Set<Integer> lines) {
        for (Token token : tokens) {
            switch (token.getType()) {
                case NeuriteLexer.UNKNOWN_CHAR -> {
                    String text = token.getText();
                    String shown = Character.isISOControl(text.charAt(0)) || Character.isSurrogate(text.charAt(0))
                            ? String.format("U+%04X", (int) text.charAt(0)) : "`" + text + "`";
                    reporter.error(Codes.UNKNOWN_CHARACTER, span(token), "unexpected character " + shown,
                            text.equals("#") ? "comments start with `//`" : null);
                }
                case NeuriteLexer.UNTERMINATED_STRING -> reporter.error(Codes.UNTERMINATED_STRING,
                        new Span(token.getLine(), token.getCharPositionInLine() + 1, 1),
                        "unterminated string", "add `\"` before the end of the line");
                case NeuriteLexer.UNTERMINATED_COMMENT -> reporter.error(Codes.UNTERMINATED_COMMENT,
                        new Span(token.getLine(), token.getCharPositionInLine() + 1, 2),
                        "unterminated block comment", "close the comment with `*/`");
                case NeuriteLexer.STRING -> {
                    if (!reportUnknownEscapes(token, reporter)) {
                        continue;
                    }
                }
                default -> {
                    continue;
                }
            }
            lines.add(token.getLine());
        }
    }

    /**
     * Reports every backslash in a string that starts none of the escapes (backslash-n, -t, -backslash, -quote):
     * silently dropping it would turn a Windows path into another file name. True if there was one.
     */
    private static boolean reportUnknownEscapes(Token token, Reporter reporter) {
        String text = token.getText();
        boolean found = false;
        for (int i = 1; i < text.length() - 1; i++) {
            if (text.charAt(i) == '\\') {
                char next = text.charAt(i + 1);
                if ("nt\\\"".indexOf(next) < 0) {
                    Span at = new Span(token.getLine(), token.getCharPositionInLine() + i + 1, 2);
                    reporter.error(Codes.UNKNOWN_ESCAPE, at, "unknown escape `\\" + next + "` in a string",
                            "the escapes are \\n, \\t, \\\\ and \\\"; write `\\\\` for a backslash, or `/` in paths");
                    found = true;
                }
                i++;
            }
        }
        return found;
    }

    /** Reports the first bracket that opens a level beyond {@link #MAX_NESTING}; true if there is one. */
    private static boolean tooDeep(List<Token> tokens, Reporter reporter) {
        int depth = 0;
        for (Token token : tokens) {
            String text = token.getChannel() == Token.DEFAULT_CHANNEL ? token.getText() : "";
            switch (text) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                default -> {
                    continue;
                }
            }
            if (depth > MAX_NESTING) {
                reporter.error(Codes.TOO_DEEP, span(token),
                        "brackets nested more than " + MAX_NESTING + " levels deep",
                        "simplify the expression; the file was not parsed further");
                return true;
            }
        }
        return false;
    }

    /** The span of a token, cut at the end of its first line. */
    static Span span(Token token) {
        String text = token.getType() == Token.EOF ? "" : token.getText();
        int newline = text.indexOf('\n');
        int length = newline >= 0 ? newline : text.length();
        return new Span(token.getLine(), token.getCharPositionInLine() + 1, Math.max(1, length));
    }
}
