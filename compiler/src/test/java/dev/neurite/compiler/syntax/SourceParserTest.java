package dev.neurite.compiler.syntax;

import dev.neurite.compiler.ast.Argument;
import dev.neurite.compiler.ast.Declaration;
import dev.neurite.compiler.ast.Expr;
import dev.neurite.compiler.ast.ModelStatement;
import dev.neurite.compiler.ast.SourceFile;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Reporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse tree to AST mapping for every construct, with spans. */
class SourceParserTest {

    private static SourceFile parse(String source) {
        Reporter reporter = new Reporter("t.nn");
        SourceFile file = SourceParser.parse("t.nn", source, reporter);
        assertTrue(reporter.diagnostics().isEmpty(), () -> reporter.diagnostics().toString());
        return file;
    }

    @Test
    void constWithArithmeticKeepsPrecedenceAsNestedLevels() {
        Declaration.Const c = (Declaration.Const) parse("const h = 2 + 3 * -(4 - 1)\n").declarations().get(0);
        assertEquals("h", c.name());
        assertEquals(new Span(1, 7, 1), c.span());
        Expr.Arithmetic sum = assertInstanceOf(Expr.Arithmetic.class, c.value());
        assertEquals(List.of('+'), sum.operators());
        Expr.Arithmetic product = assertInstanceOf(Expr.Arithmetic.class, sum.operands().get(1));
        assertEquals(List.of('*'), product.operators());
        assertInstanceOf(Expr.Negate.class, product.operands().get(1));
    }

    @Test
    void modelStatementsAndLayerParts() {
        Declaration.Model model = (Declaration.Model) parse("""
                model M {
                    input image: [28,
                                  28]
                    dense 10 (bias = false) -> leaky_relu(alpha = 0.1) init normal(std = 0.01)
                    dropout(p = 0.2); relu
                    loss cross_entropy
                    optimizer adam(
                        lr = 1e-3,
                    )
                }
                """).declarations().get(0);
        assertTrue(model.complete());
        List<ModelStatement> statements = model.statements();
        assertEquals(6, statements.size());
        ModelStatement.Input input = (ModelStatement.Input) statements.get(0);
        assertEquals("image", input.name());
        assertEquals(2, input.dimensions().size());

        ModelStatement.Layer dense = (ModelStatement.Layer) statements.get(1);
        assertEquals("dense", dense.kind());
        assertEquals(new Span(4, 5, 5), dense.span());
        Argument units = dense.arguments().get(0);
        assertFalse(units.isNamed());
        assertEquals(10.0, ((Expr.Number) units.value()).value());
        assertEquals("bias", dense.arguments().get(1).name());
        assertEquals(false, ((Expr.Bool) dense.arguments().get(1).value()).value());
        assertEquals("leaky_relu", dense.activation().name());
        assertEquals("alpha", dense.activation().arguments().get(0).name());
        assertEquals("normal", dense.init().name());

        ModelStatement.Layer dropout = (ModelStatement.Layer) statements.get(2);
        assertEquals("p", dropout.arguments().get(0).name());
        ModelStatement.Layer relu = (ModelStatement.Layer) statements.get(3);
        assertTrue(relu.arguments().isEmpty());
        assertNull(relu.activation());
        assertEquals("cross_entropy", ((ModelStatement.Loss) statements.get(4)).loss().name());
        assertEquals("lr", ((ModelStatement.Optimizer) statements.get(5)).optimizer().arguments().get(0).name());
    }

    @Test
    void trainSettingsWithValuesAndArguments() {
        Declaration.Train train = (Declaration.Train) parse("""
                /* block
                   comment */
                train M {
                    data csv(path = "a\\"b.csv", label = 0)
                    epochs 3
                    validation split(0.1)
                    normalize(mean = 0.5, std = 0.5)
                }
                """).declarations().get(0);
        assertEquals("M", train.model());
        List<Declaration.Setting> settings = train.settings();
        assertEquals(List.of("data", "epochs", "validation", "normalize"),
                settings.stream().map(Declaration.Setting::key).toList());
        assertEquals("csv", ((Expr.Name) settings.get(0).value()).name());
        assertEquals("a\"b.csv", ((Expr.Text) settings.get(0).arguments().get(0).value()).value());
        assertNull(settings.get(3).value());
        assertEquals(2, settings.get(3).arguments().size());
    }

    @Test
    void blockWithASyntaxErrorIsIncompleteButKeepsItsGoodStatements() {
        Reporter reporter = new Reporter("t.nn");
        SourceFile file = SourceParser.parse("t.nn", "model M {\n  input x: [2]\n  dense 3 relu\n  dense 4 (\n}\n"
                + "model N {\n}\n", reporter);
        Declaration.Model m = (Declaration.Model) file.declarations().get(0);
        assertFalse(m.complete());
        assertEquals(2, m.statements().size(), "input and dense 3 survive; the broken dense 4 is dropped");
        assertTrue(((Declaration.Model) file.declarations().get(1)).complete());
        assertEquals(2, reporter.diagnostics().size(), () -> reporter.diagnostics().toString());
    }
}
