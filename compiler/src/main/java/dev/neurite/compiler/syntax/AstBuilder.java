package dev.neurite.compiler.syntax;

import dev.neurite.compiler.ast.Argument;
import dev.neurite.compiler.ast.Call;
import dev.neurite.compiler.ast.Declaration;
import dev.neurite.compiler.ast.Expr;
import dev.neurite.compiler.ast.ModelStatement;
import dev.neurite.compiler.ast.SourceFile;
import dev.neurite.compiler.ast.Span;
import dev.neurite.grammar.NeuriteParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the immutable AST from a parse tree that may contain errors. Pieces ANTLR's recovery left out
 * (a missing name, a statement abandoned half-way) are dropped rather than guessed, and every block that
 * contains a syntax error is marked incomplete so the checker does not add "missing ..." errors on top.
 */
final class AstBuilder {

    private final String fileName;
    private final List<Integer> errorTokens;

    /** @param errorTokens token indexes at which syntax errors were reported */
    AstBuilder(String fileName, List<Integer> errorTokens) {
        this.fileName = fileName;
        this.errorTokens = errorTokens;
    }

    SourceFile build(NeuriteParser.ProgramContext program) {
        List<Declaration> declarations = new ArrayList<>();
        List<NeuriteParser.DeclarationContext> contexts = program.declaration();
        for (int i = 0; i < contexts.size(); i++) {
            int start = contexts.get(i).getStart().getTokenIndex();
            int end = i + 1 < contexts.size() ? contexts.get(i + 1).getStart().getTokenIndex() : Integer.MAX_VALUE;
            boolean complete = errorTokens.stream().noneMatch(t -> t >= start && t < end);
            Declaration declaration = declaration(contexts.get(i), complete);
            if (declaration != null) {
                declarations.add(declaration);
            }
        }
        return new SourceFile(fileName, declarations);
    }

    private Declaration declaration(NeuriteParser.DeclarationContext ctx, boolean complete) {
        if (ctx.constDecl() != null) {
            NeuriteParser.ConstDeclContext c = ctx.constDecl();
            return hasError(c) ? null : new Declaration.Const(c.name.getText(), span(c.name), expr(c.expr()));
        }
        if (ctx.modelDecl() != null) {
            NeuriteParser.ModelDeclContext m = ctx.modelDecl();
            if (!present(m.name)) {
                return null;
            }
            List<ModelStatement> statements = new ArrayList<>();
            for (NeuriteParser.ModelStmtContext s : m.modelStmt()) {
                ModelStatement statement = modelStatement(s);
                if (statement != null) {
                    statements.add(statement);
                }
            }
            return new Declaration.Model(m.name.getText(), span(m.name), span(m.MODEL().getSymbol()), statements,
                    complete);
        }
        if (ctx.trainDecl() != null) {
            NeuriteParser.TrainDeclContext t = ctx.trainDecl();
            if (!present(t.name)) {
                return null;
            }
            List<Declaration.Setting> settings = new ArrayList<>();
            for (NeuriteParser.SettingContext s : t.setting()) {
                if (!hasError(s)) {
                    settings.add(new Declaration.Setting(s.key.getText(), span(s.key),
                            s.value() == null ? null : value(s.value()), arguments(s.arguments())));
                }
            }
            return new Declaration.Train(t.name.getText(), span(t.name), span(t.TRAIN().getSymbol()), settings,
                    complete);
        }
        return null;
    }

    private ModelStatement modelStatement(NeuriteParser.ModelStmtContext ctx) {
        if (hasError(ctx)) {
            return null;
        }
        if (ctx.inputStmt() != null) {
            NeuriteParser.InputStmtContext input = ctx.inputStmt();
            List<Expr> dimensions = new ArrayList<>();
            input.shape().expr().forEach(e -> dimensions.add(expr(e)));
            return new ModelStatement.Input(input.name.getText(), span(input.INPUT().getSymbol()), dimensions,
                    span(input.shape().getStart()).to(span(input.shape().getStop())));
        }
        if (ctx.lossStmt() != null) {
            return new ModelStatement.Loss(call(ctx.lossStmt().call()), span(ctx.lossStmt().LOSS().getSymbol()));
        }
        if (ctx.optimizerStmt() != null) {
            return new ModelStatement.Optimizer(call(ctx.optimizerStmt().call()),
                    span(ctx.optimizerStmt().OPTIMIZER().getSymbol()));
        }
        NeuriteParser.LayerStmtContext layer = ctx.layerStmt();
        List<Argument> arguments = new ArrayList<>();
        if (layer.value() != null) {
            arguments.add(new Argument(null, null, value(layer.value())));
        }
        arguments.addAll(arguments(layer.arguments()));
        return new ModelStatement.Layer(layer.kind.getText(), span(layer.kind), arguments,
                layer.activation == null ? null : call(layer.activation),
                layer.init == null ? null : call(layer.init));
    }

    private Call call(NeuriteParser.CallContext ctx) {
        return new Call(ctx.name.getText(), span(ctx.name), arguments(ctx.arguments()));
    }

    private List<Argument> arguments(NeuriteParser.ArgumentsContext ctx) {
        List<Argument> arguments = new ArrayList<>();
        if (ctx != null) {
            for (NeuriteParser.ArgumentContext a : ctx.argument()) {
                if (!hasError(a)) {
                    arguments.add(present(a.name) ? new Argument(a.name.getText(), span(a.name), value(a.value()))
                            : new Argument(null, null, value(a.value())));
                }
            }
        }
        return arguments;
    }

    private Expr value(NeuriteParser.ValueContext ctx) {
        if (ctx.STRING() != null) {
            Token token = ctx.STRING().getSymbol();
            return new Expr.Text(unquote(token.getText()), SourceParser.span(token));
        }
        if (ctx.TRUE() != null || ctx.FALSE() != null) {
            return new Expr.Bool(ctx.TRUE() != null, span(ctx.getStart()));
        }
        return expr(ctx.expr());
    }

    private Expr expr(NeuriteParser.ExprContext ctx) {
        List<Expr> operands = new ArrayList<>();
        ctx.term().forEach(t -> operands.add(term(t)));
        if (operands.size() == 1) {
            return operands.get(0);
        }
        List<Character> operators = new ArrayList<>();
        ctx.addOp().forEach(op -> operators.add(op.getText().charAt(0)));
        return new Expr.Arithmetic(operands, operators, whole(ctx));
    }

    private Expr term(NeuriteParser.TermContext ctx) {
        List<Expr> operands = new ArrayList<>();
        ctx.factor().forEach(f -> operands.add(factor(f)));
        if (operands.size() == 1) {
            return operands.get(0);
        }
        List<Character> operators = new ArrayList<>();
        ctx.mulOp().forEach(op -> operators.add(op.getText().charAt(0)));
        return new Expr.Arithmetic(operands, operators, whole(ctx));
    }

    private Expr factor(NeuriteParser.FactorContext ctx) {
        Expr value = atom(ctx.atom());
        // '-'* is a loop in the grammar; an odd count negates, an even one cancels out.
        int minuses = ctx.getChildCount() - 1;
        return minuses % 2 == 1 ? new Expr.Negate(value, whole(ctx)) : value;
    }

    private Expr atom(NeuriteParser.AtomContext ctx) {
        if (ctx.NUMBER() != null) {
            Token token = ctx.NUMBER().getSymbol();
            return new Expr.Number(Double.parseDouble(token.getText()), token.getText(), span(token));
        }
        if (ctx.ID() != null) {
            return new Expr.Name(ctx.ID().getText(), span(ctx.ID().getSymbol()));
        }
        return expr(ctx.expr());
    }

    /** True if the statement or anything inside it was cut short by a syntax error. */
    private static boolean hasError(ParserRuleContext ctx) {
        if (ctx.exception != null) {
            return true;
        }
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (ctx.getChild(i) instanceof ParserRuleContext child && hasError(child)) {
                return true;
            }
            if (ctx.getChild(i) instanceof org.antlr.v4.runtime.tree.ErrorNode) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(Token token) {
        return token != null && token.getTokenIndex() >= 0;
    }

    private static Span span(Token token) {
        return SourceParser.span(token);
    }

    private static Span whole(ParserRuleContext ctx) {
        return span(ctx.getStart()).to(span(ctx.getStop() == null ? ctx.getStart() : ctx.getStop()));
    }

    private static String unquote(String quoted) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                char next = quoted.charAt(++i);
                text.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
