package dev.neurite.cli;

import dev.neurite.compiler.ir.Model;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.checkpoint.Checkpoint;
import dev.neurite.runtime.model.AbstractModel;
import dev.neurite.runtime.train.TrainSpec;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A model ready to evaluate or predict with: compiled from its {@code .nn} file, built on a backend, with the
 * weights of a checkpoint loaded. Closing it closes the backend.
 */
final class ModelRun implements AutoCloseable {

    final SpecFile specFile;
    final Model model;
    final Backend backend;
    final AbstractModel instance;

    private ModelRun(SpecFile specFile, Model model, Backend backend, AbstractModel instance) {
        this.specFile = specFile;
        this.model = model;
        this.backend = backend;
        this.instance = instance;
    }

    static ModelRun load(Path file, String modelName, Path weights, DeviceOptions device, PrintWriter err) {
        SpecFile specFile = SpecFile.read(file, err, false);
        Model model = specFile.model(modelName);
        var factory = specFile.compile(model, null);
        Backend backend = device.open();
        try {
            AbstractModel instance = factory.create(backend, TrainCommand.EVAL_BATCH, 0);
            Checkpoint.load(weights, instance);
            return new ModelRun(specFile, model, backend, instance);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The model's train block: where its data comes from and how it is normalised. */
    TrainSpec training() {
        return specFile.training(model);
    }

    @Override
    public void close() {
        backend.close();
    }
}
