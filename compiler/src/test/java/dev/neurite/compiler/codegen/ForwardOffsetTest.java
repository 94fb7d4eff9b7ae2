package dev.neurite.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neurite.runtime.cpu.CpuBackend;
import dev.neurite.runtime.model.AbstractModel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code forward(input, offset, batch, logits)} reads a batch in place: the same logits as a copy of it. */
class ForwardOffsetTest {

    @Test
    void aBatchInsideALargerArrayGivesTheLogitsOfItsCopy() {
        GeneratedModels.Factory factory = GeneratedModels.compile(HandMadeModels.fashionMlp()).values().iterator().next();
        try (CpuBackend backend = new CpuBackend(2)) {
            AbstractModel model = factory.create(backend, 4, 3);
            int size = model.info().inputSize();
            float[] all = new float[5 * size];
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < all.length; i++) {
                all[i] = (float) random.nextDouble();
            }
            float[] inPlace = new float[3 * model.info().outputSize()];
            model.forward(all, 2 * size, 3, inPlace);
            float[] copied = new float[inPlace.length];
            model.forward(Arrays.copyOfRange(all, 2 * size, 5 * size), 3, copied);
            assertArrayEquals(copied, inPlace);
        }
    }
}
