package dev.neurite.compiler.ast;

import java.util.List;

/** A top-level declaration of a {@code .nn} file. */
public sealed interface Declaration {

    /** {@code const hidden = 512}; {@code span} is the name's. */
    record Const(String name, Span span, Expr value) implements Declaration { }

    /**
     * {@code model Name { ... }}; {@code span} is the name's, {@code keyword} the {@code model} keyword's.
     * {@code complete} is false when a syntax error cut something out of the block.
     */
    record Model(String name, Span span, Span keyword, List<ModelStatement> statements, boolean complete)
            implements Declaration {
        public Model {
            statements = List.copyOf(statements);
        }
    }

    /**
     * {@code train Name { ... }}; {@code span} is the model name's, {@code keyword} the keyword's.
     * {@code complete} is false when a syntax error cut something out of the block.
     */
    record Train(String model, Span span, Span keyword, List<Setting> settings, boolean complete)
            implements Declaration {
        public Train {
            settings = List.copyOf(settings);
        }
    }

    /**
     * One line of a train block: {@code epochs 5}, {@code data spiral(samples = 100)},
     * {@code normalize(mean = 0.5, std = 0.5)}.
     *
     * @param value     the value after the key, or {@code null}
     * @param arguments the parenthesised arguments (empty when none)
     */
    record Setting(String key, Span span, Expr value, List<Argument> arguments) {
        public Setting {
            arguments = List.copyOf(arguments);
        }
    }
}
