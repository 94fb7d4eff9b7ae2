package dev.neurite.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.neurite.compiler.ir.Program;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelGeneratorTest {

    @Test
    void generatedSourceIsDeterministic() {
        Program program = HandMadeModels.fashionMlp();
        String first = GeneratedModels.sources(program, "p").get(0).toString();
        String second = GeneratedModels.sources(HandMadeModels.fashionMlp(), "p").get(0).toString();
        assertEquals(first, second);
    }

    @Test
    void fusesDenseWithTheFollowingActivationAndNamesFieldsAfterLayers() {
        JavaFile file = GeneratedModels.sources(HandMadeModels.fashionMlp(), "p").get(0);
        String code = file.toString();
        String flat = code.replaceAll("\\s+", " ");
        assertTrue(flat.contains("backend.linearForward(input, dense1Weight, dense1Bias, relu1Out, batch, DENSE1_IN,"
                + " DENSE1_OUT, Activation.RELU, 0.0);"), code);
        assertTrue(code.contains("private final Buffer dense3WeightGrad;"), code);
        // The first dense layer reads the model input: no gradient with respect to it is computed.
        assertTrue(!code.matches("(?s).*\\bdInput\\b.*"), code);
    }

    @Test
    void everyLayerKindCompilesWithAllLintsAsErrors() {
        assertEquals(1, GeneratedModels.compile(HandMadeModels.everyLayer()).size());
        assertEquals(1, GeneratedModels.compile(HandMadeModels.fashionMlp()).size());
    }
}
