package dev.neurite.runtime.checkpoint;

import dev.neurite.runtime.loss.LossKind;
import dev.neurite.runtime.train.ArrayBackend;
import dev.neurite.runtime.train.FakeModel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The child process of {@link CheckpointKillTest}: saves a large model to {@code <dir>/last.safetensors} over and
 * over, every parameter equal to the iteration number {@code i} and every momentum value to {@code -i}, and
 * prints {@code saving i} before and {@code saved i} after each save.
 */
public final class CheckpointWriterProcess {

    static final int SIZE = 2048;

    public static void main(String[] args) {
        Path file = Path.of(args[0]).resolve("last.safetensors");
        FakeModel model = new FakeModel("Big", SIZE, SIZE, LossKind.MSE, 0.1, 1, 0);
        for (int i = 1; ; i++) {
            Arrays.fill(ArrayBackend.array(model.parameters()).data(), i);
            Arrays.fill(ArrayBackend.array(model.optimizer().state().get("momentum_buffer")).data(), -i);
            model.optimizer().setSteps(i);
            System.out.println("saving " + i);
            System.out.flush();
            Checkpoint.save(file, model, Map.of("iteration", Integer.toString(i)));
            System.out.println("saved " + i);
            System.out.flush();
        }
    }
}
