package dev.neurite.compiler.check;

import dev.neurite.compiler.ast.Declaration;
import dev.neurite.compiler.ast.SourceFile;
import dev.neurite.compiler.ast.Span;
import dev.neurite.compiler.diag.Codes;
import dev.neurite.compiler.diag.Reporter;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.runtime.train.TrainSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed file: constants in source order, then every model, then every train block. Reports all
 * problems of the file in one pass and builds the {@link Program} only when there is no error.
 */
public final class Checker {

    private Checker() {
    }

    /** The checked program, or {@code null} if the file has errors (all of them in {@code reporter}). */
    public static Program check(SourceFile file, String sourceHash, Reporter reporter) {
        Evaluator evaluator = new Evaluator(reporter);
        file.declarations().stream().filter(d -> d instanceof Declaration.Const)
                .forEach(d -> evaluator.expect(((Declaration.Const) d).name()));

        Map<String, Span> constants = new LinkedHashMap<>();
        Map<String, Span> modelNames = new LinkedHashMap<>();
        Map<String, Model> models = new LinkedHashMap<>();
        for (Declaration declaration : file.declarations()) {
            if (declaration instanceof Declaration.Const constant) {
                Span first = constants.putIfAbsent(constant.name(), constant.span());
                if (first != null) {
                    duplicate("constant", constant.name(), constant.span(), first, reporter);
                    continue;
                }
                Object value = evaluator.evaluate(constant.value());
                if (value != null) {
                    evaluator.define(constant.name(), value);
                }
            } else if (declaration instanceof Declaration.Model block) {
                Span first = modelNames.putIfAbsent(block.name(), block.span());
                if (first != null) {
                    duplicate("model", block.name(), block.span(), first, reporter);
                }
                Model model = new ModelChecker(file.name(), evaluator, reporter).check(block);
                if (model != null && first == null) {
                    models.put(model.name(), model);
                }
            }
        }

        List<TrainSpec> trainings = new ArrayList<>();
        Map<String, Span> trained = new HashMap<>();
        TrainChecker trainChecker = new TrainChecker(evaluator, reporter);
        for (Declaration declaration : file.declarations()) {
            if (declaration instanceof Declaration.Train block) {
                Span first = trained.putIfAbsent(block.model(), block.span());
                if (first != null) {
                    reporter.error(Codes.DUPLICATE_SETTING, block.span(),
                            "model `" + block.model() + "` has two train blocks",
                            "merge them (the first is at " + first.line() + ":" + first.column() + ")");
                }
                TrainSpec spec = trainChecker.check(block, modelNames.keySet(), models);
                if (spec != null) {
                    trainings.add(spec);
                }
            }
        }

        constants.forEach((name, span) -> {
            if (evaluator.isDefined(name) && !evaluator.isUsed(name)) {
                reporter.warning(Codes.UNUSED_CONSTANT, span, "constant `" + name + "` is never used",
                        "remove it, or use it in a model");
            }
        });
        return reporter.hasErrors() ? null
                : new Program(file.name(), sourceHash, new ArrayList<>(models.values()), trainings);
    }

    private static void duplicate(String what, String name, Span at, Span first, Reporter reporter) {
        reporter.error(Codes.DUPLICATE_NAME, at, what + " `" + name + "` is declared twice",
                "rename one of them (the first is at " + first.line() + ":" + first.column() + ")");
    }
}
