package dev.neurite.compiler.ir;

import dev.neurite.runtime.train.TrainSpec;

import java.util.List;
import java.util.Optional;

/** Everything one {@code .nn} file declares, checked: its models and its train blocks. */
public record Program(String sourceFile, String sourceHash, List<Model> models, List<TrainSpec> trainings) {

    public Program {
        models = List.copyOf(models);
        trainings = List.copyOf(trainings);
    }

    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<TrainSpec> training(String modelName) {
        return trainings.stream().filter(t -> t.model().equals(modelName)).findFirst();
    }
}
