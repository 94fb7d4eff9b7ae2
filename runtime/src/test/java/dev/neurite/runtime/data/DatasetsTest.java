package dev.neurite.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRealFashionMnistWhenInstalled() {
        Path installed = Path.of(Datasets.FASHION_MNIST_DIR);
        assumeTrue(Files.isRegularFile(installed.resolve("train-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");

        Splits splits = Datasets.load(DataSpec.of("fashion_mnist"), null, true);

        assertEquals(60000, splits.train().count());
        assertEquals(10000, splits.test().count());
        assertEquals(784, splits.train().featureSize());
        assertEquals("Ankle boot", splits.train().className(9));
        // The first training image of Fashion-MNIST is an ankle boot; its classes are balanced, 6000 each.
        assertEquals(9f, splits.train().targets()[0]);
        int[] perClass = new int[10];
        for (float label : splits.train().targets()) {
            perClass[(int) label]++;
        }
        assertEquals(6000, perClass[3]);
    }

    @Test
    void missingFashionMnistInAChosenDirSaysWhichFilesGoThere() {
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(DataSpec.of("fashion_mnist"), dir, true));

        assertEquals("missing " + dir.resolve("train-images-idx3-ubyte.gz") + "; put the four Fashion-MNIST files"
                + " (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
                + " t10k-labels-idx1-ubyte.gz, gzipped or not) into " + dir + ", or leave the directory out to use"
                + " those of: sudo apt-get install dataset-fashion-mnist", e.getMessage());
        assertFalse(e.getMessage().contains("--data-dir"), "the directory was already given: " + e.getMessage());
    }

    @Test
    void missingFashionMnistInItsOwnDirSaysHowToInstallIt() {
        assertEquals("install it with: sudo apt-get install dataset-fashion-mnist (or pass --data-dir DIR)",
                Datasets.fashionMnistHint(Path.of(Datasets.FASHION_MNIST_DIR)));
    }

    @Test
    void mnistReadsTheStandardLayoutFromTheDirArgument() throws IOException {
        IdxFiles.writeMnistLayout(dir);

        Splits splits = Datasets.load(new DataSpec("mnist", Map.of("dir", dir.toString())), null, true);

        assertEquals(3, splits.test().count());
        assertEquals(10, splits.train().classes());
        assertEquals(1f, splits.train().features()[1]);
    }

    @Test
    void mnistWithoutFilesSaysWhereToPutThem() {
        DataException e = assertThrows(DataException.class, () -> Datasets.load(DataSpec.of("mnist"), dir, true));

        assertEquals(true, e.getMessage().contains("put the four MNIST files"), e.getMessage());
        assertFalse(e.getMessage().contains("--data-dir"), "the directory was already given: " + e.getMessage());
    }

    @Test
    void idxPathsResolveAgainstTheDataDirAndTestPairIsOptional() throws IOException {
        IdxFiles.writeMnistLayout(dir);
        DataSpec spec = new DataSpec("idx", Map.of("train_images", "train-images-idx3-ubyte.gz",
                "train_labels", "train-labels-idx1-ubyte.gz"));

        Splits splits = Datasets.load(spec, dir, true);

        assertEquals(3, splits.train().count());
        assertEquals(10, splits.train().classes());
        assertNull(splits.test());
    }

    @Test
    void csvWithTestFile() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "a,y\n1,0\n2,1\n");
        Files.writeString(dir.resolve("test.csv"), "a,y\n3,2\n");

        Splits splits = Datasets.load(new DataSpec("csv", Map.of("path", "train.csv", "test", "test.csv",
                "label", "y")), dir, true);

        assertEquals(3, splits.train().classes(), "the class count covers labels of both files");
        assertEquals(1, splits.test().count());
    }

    @Test
    void syntheticSetsTakeArgumentsAndHaveASecondDrawAsTestSet() {
        Splits splits = Datasets.load(new DataSpec("spiral", Map.of("samples", 10.0, "classes", 4.0)), null, true);

        assertEquals(40, splits.train().count());
        assertEquals(4, splits.test().classes());
        assertEquals(true, splits.train().features()[5] != splits.test().features()[5]);
    }

    @Test
    void unknownSourceListsTheKnownOnes() {
        assertEquals("unknown data source 'cifar'; expected one of fashion_mnist, mnist, idx, csv, spiral, "
                        + "vertical, xor, linear",
                assertThrows(DataException.class, () -> Datasets.load(DataSpec.of("cifar"), null, true))
                        .getMessage());
    }
}
