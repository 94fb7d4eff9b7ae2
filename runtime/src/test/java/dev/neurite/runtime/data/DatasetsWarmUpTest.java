package dev.neurite.runtime.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class DatasetsWarmUpTest {

    @Test
    void decodingASampleBatchRunsTheDecoderWithoutFailing() {
        assertDoesNotThrow(() -> Datasets.sampleBatchDecoding().run());
    }
}
