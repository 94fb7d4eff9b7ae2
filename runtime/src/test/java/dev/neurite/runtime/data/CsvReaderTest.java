package dev.neurite.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(CsvReaderTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsHeaderAndLabelByNameSkippingBlankLines() {
        Dataset set = CsvReader.read(resource("iris-tiny.csv"), CsvReader.LabelColumn.named("species"), true, 0);

        assertEquals(5, set.count());
        assertEquals(4, set.featureSize());
        assertEquals(3, set.classes());
        assertArrayEquals(new float[] {0, 0, 1, 1, 2}, set.targets());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOf(set.features(), 4));
    }

    @Test
    void labelByIndexTakesTheOtherColumnsAsFeatures() throws IOException {
        Path file = Files.writeString(dir.resolve("r.csv"), "1.5,10,2\n2.5,20,3\n");

        Dataset set = CsvReader.read(file, CsvReader.LabelColumn.at(1), false, 0);

        assertEquals(0, set.classes());
        assertArrayEquals(new float[] {10, 20}, set.targets());
        assertArrayEquals(new float[] {1.5f, 2, 2.5f, 3}, set.features());
    }

    @Test
    void reportsNonNumericCellWithLineAndColumn() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(resource("non-numeric.csv"), CsvReader.LabelColumn.last(), true, 0));

        assertEquals("non-numeric.csv:3:2: expected a number in column 2 ('b') but found 'x'", e.getMessage());
    }

    @Test
    void reportsRaggedRow() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(resource("ragged.csv"), CsvReader.LabelColumn.last(), true, 0));

        assertEquals("ragged.csv:2: expected 3 columns but found 2", e.getMessage());
    }

    @Test
    void reportsEmptyFileAndHeaderOnlyFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "\n\n");
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "a,b\n");

        assertEquals("empty.csv: no data rows", assertThrows(DataException.class,
                () -> CsvReader.read(empty, CsvReader.LabelColumn.last(), true, 0)).getMessage());
        assertEquals("header.csv: no data rows after the header", assertThrows(DataException.class,
                () -> CsvReader.read(headerOnly, CsvReader.LabelColumn.last(), true, 0)).getMessage());
    }

    @Test
    void rejectsFractionalClassLabelAndUnknownLabelName() throws IOException {
        Path file = Files.writeString(dir.resolve("f.csv"), "x,y\n1,0.5\n");

        assertEquals("f.csv: label 0.5 in data row 1 is not a class index (a whole number from 0); for regression "
                + "use loss mse", assertThrows(DataException.class,
                () -> CsvReader.read(file, CsvReader.LabelColumn.last(), true, 0)).getMessage());
        assertEquals("f.csv: no column named 'label'; the header has x, y", assertThrows(DataException.class,
                () -> CsvReader.read(file, CsvReader.LabelColumn.named("label"), true, 0)).getMessage());
    }
}
