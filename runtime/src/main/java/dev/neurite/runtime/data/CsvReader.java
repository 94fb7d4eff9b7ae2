package dev.neurite.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a comma-separated file of numbers into a {@link Dataset}: one sample per line, one column holding the
 * label (the target), every other column a feature. The first line is a header when any of its cells is not a
 * number. Blank lines are skipped; cells are trimmed. Errors name {@code file:line:column}.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * Where the label is: a column name from the header, or a zero-based column index (negative counts from the
     * end, so -1 is the last column).
     */
    public record LabelColumn(String name, int index) {

        public static LabelColumn named(String name) {
            return new LabelColumn(name, 0);
        }

        public static LabelColumn at(int index) {
            return new LabelColumn(null, index);
        }

        public static LabelColumn last() {
            return at(-1);
        }
    }

    /**
     * @param classTargets true when the labels are class indices (classification): they must then be whole
     *                     numbers from 0, and the set's class count is the largest plus one; false for
     *                     regression targets
     * @param minClasses   at least this many classes (so a test file lacking the last class agrees with the
     *                     training file); ignored for regression
     */
    public static Dataset read(Path file, LabelColumn label, boolean classTargets, int minClasses) {
        String fileName = String.valueOf(file.getFileName());
        List<float[]> rows = new ArrayList<>();
        List<String> header = null;
        int columns = -1;
        int labelColumn = -1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (columns < 0) {
                    columns = cells.length;
                    if (columns < 2) {
                        throw new DataException(fileName + ":" + lineNumber + ": found " + columns
                                + " column; a CSV data set needs at least one feature and a label column");
                    }
                    if (isHeader(cells)) {
                        header = Arrays.stream(cells).map(String::trim).toList();
                        labelColumn = resolveLabel(fileName, label, header, columns);
                        continue;
                    }
                    labelColumn = resolveLabel(fileName, label, null, columns);
                }
                if (cells.length != columns) {
                    throw new DataException(fileName + ":" + lineNumber + ": expected " + columns
                            + " columns but found " + cells.length);
                }
                float[] row = new float[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = parseCell(fileName, lineNumber, cells, c, header);
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(fileName + ": no data rows" + (header != null ? " after the header" : ""));
        }
        return toDataset(fileName, rows, columns, labelColumn, classTargets, minClasses);
    }

    /**
     * The first data row of {@code file} as numbers, every column a feature (a header row is skipped): one sample
     * to predict.
     */
    public static float[] readFirstRow(Path file) {
        String fileName = String.valueOf(file.getFileName());
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            List<String> header = null;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null && lineNumber == 1 && isHeader(cells)) {
                    header = Arrays.stream(cells).map(String::trim).toList();
                    continue;
                }
                float[] row = new float[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    row[c] = parseCell(fileName, lineNumber, cells, c, header);
                }
                return row;
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        throw new DataException(fileName + ": no data row");
    }

    private static Dataset toDataset(String fileName, List<float[]> rows, int columns, int labelColumn,
                                     boolean classTargets, int minClasses) {
        int featureSize = columns - 1;
        float[] features = new float[rows.size() * featureSize];
        float[] targets = new float[rows.size()];
        int maxClass = -1;
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            int f = r * featureSize;
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn) {
                    features[f++] = row[c];
                }
            }
            float target = row[labelColumn];
            if (classTargets) {
                if (target < 0 || target != Math.rint(target)) {
                    throw new DataException(fileName + ": label " + target + " in data row " + (r + 1)
                            + " is not a class index (a whole number from 0); for regression use loss mse");
                }
                maxClass = Math.max(maxClass, (int) target);
            }
            targets[r] = target;
        }
        int classes = classTargets ? Math.max(maxClass + 1, minClasses) : 0;
        return new Dataset(fileName, features, featureSize, targets, 1, classes, List.of());
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            if (!isNumber(cell.trim())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String text) {
        try {
            Float.parseFloat(text);
            return !text.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int resolveLabel(String fileName, LabelColumn label, List<String> header, int columns) {
        if (label.name() != null) {
            if (header == null) {
                throw new DataException(fileName + ": label column '" + label.name()
                        + "' given by name, but the file has no header row; give its index instead");
            }
            int index = header.indexOf(label.name());
            if (index < 0) {
                throw new DataException(fileName + ": no column named '" + label.name() + "'; the header has "
                        + String.join(", ", header));
            }
            return index;
        }
        int index = label.index() < 0 ? columns + label.index() : label.index();
        if (index < 0 || index >= columns) {
            throw new DataException(fileName + ": label column index " + label.index() + " is outside the "
                    + columns + " columns");
        }
        return index;
    }

    private static float parseCell(String fileName, int lineNumber, String[] cells, int c, List<String> header) {
        String text = cells[c].trim();
        try {
            if (!text.isEmpty()) {
                float value = Float.parseFloat(text);
                if (Float.isFinite(value)) {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the position
        }
        String column = header != null ? " ('" + header.get(c) + "')" : "";
        throw new DataException(fileName + ":" + lineNumber + ":" + (c + 1) + ": expected a number in column "
                + (c + 1) + column + " but found '" + text + "'");
    }
}
