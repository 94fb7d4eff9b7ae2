package dev.neurite.compiler.syntax;

import dev.neurite.grammar.NeuriteParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ANTLR's default recovery (single-token insertion and deletion, resynchronisation on the follow sets) with
 * messages written for people: what was expected where, in the language's own words, instead of ANTLR's
 * "mismatched input" texts.
 */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {

    /** Where top-level recovery resumes: a statement end or the start of a declaration. */
    private static final IntervalSet TOP_LEVEL_RESUME = IntervalSet.of(Token.EOF);

    static {
        for (int type : new int[] {NeuriteParser.NL, tokenType("';'"), NeuriteParser.CONST, NeuriteParser.MODEL,
                NeuriteParser.TRAIN}) {
            TOP_LEVEL_RESUME.add(type);
        }
    }

    private final Consumer<SyntaxError> sink;

    FriendlyErrorStrategy(Consumer<SyntaxError> sink) {
        this.sink = sink;
    }

    /**
     * At the top level, skips a line that starts with something other than a declaration and goes on with the
     * next line; ANTLR's default would give up on the rest of the file.
     */
    @Override
    public void sync(Parser parser) throws RecognitionException {
        try {
            super.sync(parser);
        } catch (RecognitionException e) {
            if (!(parser.getContext() instanceof NeuriteParser.ProgramContext)) {
                throw e;
            }
            reportError(parser, e);
            do {
                parser.consume();
            } while (!TOP_LEVEL_RESUME.contains(parser.getInputStream().LA(1)));
        }
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        report(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser parser, org.antlr.v4.runtime.FailedPredicateException e) {
        report(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        if (e instanceof NoViableAltException n) {
            reportNoViableAlternative(parser, n);
        } else if (e instanceof InputMismatchException m) {
            reportInputMismatch(parser, m);
        } else {
            report(parser, e.getOffendingToken(), parser.getExpectedTokens());
        }
    }

    private void report(Parser parser, Token found, IntervalSet expected) {
        TokenStream tokens = parser.getInputStream();
        Token previous = previousToken(tokens, found, false);
        ParserRuleContext context = parser.getContext();
        Token at = found.getType() == Token.EOF && previous != null ? previous : found;

        SyntaxError unclosed = unclosedBracket(context, found, expected);
        if (unclosed != null) {
            // A block left open belongs to what precedes the next block, so point at its last token.
            Token lastStatement = previousToken(tokens, found, true);
            boolean blockLeftOpen = unclosed.message().startsWith("missing `}`") && lastStatement != null;
            sink.accept(new SyntaxError(blockLeftOpen ? lastStatement : at, unclosed.message(), unclosed.help()));
            return;
        }
        String after = previous == null ? null : previous.getText();
        if (expected.contains(NeuriteParser.ID) && expected.size() == 1 && previous != null) {
            sink.accept(new SyntaxError(at, expectedName(previous.getType(), after) + ", found " + describe(found),
                    null));
            return;
        }
        if (startsValue(expected) && !expected.contains(NeuriteParser.NL) && previous != null) {
            sink.accept(new SyntaxError(at, "expected a value after `" + after + "`, found " + describe(found),
                    "values are numbers (`64`, `1e-3`), names of constants, strings or `true`/`false`"));
            return;
        }
        if (context instanceof NeuriteParser.ProgramContext || context instanceof NeuriteParser.DeclarationContext) {
            sink.accept(new SyntaxError(at, "expected `model`, `train` or `const`, found " + describe(found),
                    "a file holds `const NAME = value`, `model Name { ... }` and `train Name { ... }` blocks"));
            return;
        }
        if (expected.contains(NeuriteParser.NL) && found.getType() != Token.EOF) {
            String help = null;
            if (context instanceof NeuriteParser.ModelDeclContext && found.getType() == NeuriteParser.ID) {
                help = "statements end at the end of a line; to add an activation to a layer write `-> "
                        + found.getText() + "`";
            } else {
                help = "statements end at the end of a line or at `;`";
            }
            sink.accept(new SyntaxError(at, "unexpected " + describe(found) + " after `" + after + "`", help));
            return;
        }
        sink.accept(new SyntaxError(at, "expected " + describeExpected(expected) + ", found " + describe(found),
                null));
    }

    /** "missing `}` to close model `X` opened at 3:1" when the input ends or moves on before a block closes. */
    private static SyntaxError unclosedBracket(ParserRuleContext context, Token found, IntervalSet expected) {
        boolean atEnd = found.getType() == Token.EOF;
        boolean nextBlock = found.getType() == NeuriteParser.MODEL || found.getType() == NeuriteParser.TRAIN;
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c instanceof NeuriteParser.ArgumentsContext args && expected.contains(tokenType("')'"))
                    && (atEnd || found.getLine() > args.getStart().getLine() || isBlockToken(found))) {
                return new SyntaxError(found, "missing `)` to close `(` opened at " + position(args.getStart()),
                        "add `)` after the last argument");
            }
            if (c instanceof NeuriteParser.ShapeContext shape && expected.contains(tokenType("']'"))
                    && (atEnd || found.getLine() > shape.getStart().getLine() || isBlockToken(found))) {
                return new SyntaxError(found, "missing `]` to close `[` opened at " + position(shape.getStart()),
                        "add `]` after the last dimension");
            }
            if ((atEnd || nextBlock) && c instanceof NeuriteParser.ModelDeclContext model && model.name != null) {
                return new SyntaxError(found, "missing `}` to close model `" + model.name.getText()
                        + "` opened at " + position(model.getStart()), "add `}` after the model's last statement");
            }
            if ((atEnd || nextBlock) && c instanceof NeuriteParser.TrainDeclContext train && train.name != null) {
                return new SyntaxError(found, "missing `}` to close train block `" + train.name.getText()
                        + "` opened at " + position(train.getStart()), "add `}` after the block's last line");
            }
        }
        return null;
    }

    private static boolean isBlockToken(Token token) {
        return token.getType() == tokenType("'}'") || token.getType() == NeuriteParser.MODEL
                || token.getType() == NeuriteParser.TRAIN || token.getType() == NeuriteParser.CONST;
    }

    private static String expectedName(int previousType, String previousText) {
        return switch (previousType) {
            case NeuriteParser.MODEL -> "expected a model name after `model`";
            case NeuriteParser.TRAIN -> "expected the name of the model to train after `train`";
            case NeuriteParser.CONST -> "expected a constant name after `const`";
            case NeuriteParser.INPUT -> "expected the input's name after `input`, as in `input image: [28, 28]`";
            case NeuriteParser.LOSS -> "expected a loss after `loss`";
            case NeuriteParser.OPTIMIZER -> "expected an optimizer after `optimizer`";
            case NeuriteParser.INIT -> "expected an initialisation after `init`";
            case NeuriteParser.ARROW -> "expected an activation after `->`";
            default -> "expected a name after `" + previousText + "`";
        };
    }

    private static boolean startsValue(IntervalSet expected) {
        return expected.contains(NeuriteParser.NUMBER) && expected.contains(NeuriteParser.ID);
    }

    private static String describeExpected(IntervalSet expected) {
        Set<String> words = new LinkedHashSet<>();
        for (int type : expected.toArray()) {
            words.add(describeType(type));
        }
        List<String> list = new ArrayList<>(words);
        if (list.size() > 4) {
            return String.join(", ", list.subList(0, 4)) + " or another statement";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String describeType(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case NeuriteParser.NL -> "a line break";
            case NeuriteParser.ID -> "a name";
            case NeuriteParser.NUMBER -> "a number";
            case NeuriteParser.STRING -> "a string";
            default -> {
                String literal = NeuriteParser.VOCABULARY.getLiteralName(type);
                yield literal == null ? NeuriteParser.VOCABULARY.getDisplayName(type)
                        : "`" + literal.substring(1, literal.length() - 1) + "`";
            }
        };
    }

    /** How the input at {@code token} reads in a message: "`relu`", "end of line", "end of file". */
    static String describe(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case NeuriteParser.NL -> "end of line";
            default -> "`" + token.getText() + "`";
        };
    }

    private static String position(Token token) {
        return token.getLine() + ":" + (token.getCharPositionInLine() + 1);
    }

    private static int tokenType(String literal) {
        for (int type = 1; type <= NeuriteParser.VOCABULARY.getMaxTokenType(); type++) {
            if (literal.equals(NeuriteParser.VOCABULARY.getLiteralName(type))) {
                return type;
            }
        }
        throw new IllegalArgumentException(literal);
    }

    /** The last token on the default channel before {@code token} (line breaks too, unless skipped), or null. */
    private static Token previousToken(TokenStream tokens, Token token, boolean skipLineBreaks) {
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token candidate = tokens.get(i);
            if (candidate.getChannel() == Token.DEFAULT_CHANNEL
                    && !(skipLineBreaks && candidate.getType() == NeuriteParser.NL)) {
                return candidate;
            }
        }
        return null;
    }
}
