package dev.hasten.runtime.data;

import static dev.hasten.runtime.data.IdxFiles.gzip;
import static dev.hasten.runtime.data.IdxFiles.images;
import static dev.hasten.runtime.data.IdxFiles.labels;
import static dev.hasten.runtime.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void embeddedSubsetHoldsSixThousandTrainingImagesOfOneByTwentyEightByTwentyEight() {
    try (Datasets data = new Datasets(DataLocation.embedded(), manager)) {
      ImageDataset train = data.fashionMnist(Split.TRAIN);

      assertEquals(6000, train.size());
      assertEquals(new Shape(6000, 1, 28, 28), train.images().getShape());
      assertEquals(new Shape(6000), train.labels().getShape());
      assertEquals(10, train.classes());
      assertSame(train, data.fashionMnist(Split.TRAIN));
      assertTrue(data.source().contains("embedded"), data.source());
    }
  }

  @Test
  void embeddedSubsetIsClassBalancedWithLabelsZeroToNine() {
    try (Datasets data = new Datasets(DataLocation.embedded(), manager)) {
      assertClassCounts(data.fashionMnist(Split.TRAIN).labels(), 600);
      assertClassCounts(data.fashionMnist(Split.TEST).labels(), 100);
      assertEquals(1000, data.fashionMnist(Split.TEST).size());
    }
  }

  private static void assertClassCounts(NDArray labels, long perClass) {
    assertEquals(0, labels.min().getLong());
    assertEquals(9, labels.max().getLong());
    for (int k = 0; k < 10; k++) {
      assertEquals(perClass, labels.eq(k).sum().getLong(), "examples of class " + k);
    }
  }

  @Test
  void embeddedImagesAreNormalisedToAboutZeroMeanAndUnitDeviation() {
    // The subset is a sample of the training set, so its statistics are close to, not equal to,
    // the full set's: mean near 0 and standard deviation near 1 after normalising.
    try (Datasets data = new Datasets(DataLocation.embedded(), manager)) {
      NDArray x = data.fashionMnist(Split.TRAIN).images();
      float mean = x.mean().getFloat();
      float std = x.sub(mean).square().mean().sqrt().getFloat();
      assertEquals(0, mean, 0.05);
      assertEquals(1, std, 0.05);
    }
  }

  @Test
  void dataFlagNamingNoFolderIsRejected() {
    Path absent = dir.resolve("absent");

    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> DataLocation.of(absent, null, null).resolve());

    assertEquals("--data " + absent + ": no such folder", e.getMessage());
  }

  @Test
  void dataFlagFolderWithoutTheTestLabelsNamesTheMissingFile() {
    writeSplit(Split.TRAIN, 2);
    write(dir, FashionMnist.imageFile(Split.TEST), gzip(images(1, 28, 28, new byte[784])));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DataLocation.of(dir, null, null).resolve());

    assertEquals("--data " + dir + ": missing t10k-labels-idx1-ubyte.gz", e.getMessage());
  }

  @Test
  void dataFlagFolderWithAFolderInPlaceOfAFileSaysSo() throws java.io.IOException {
    writeSplit(Split.TRAIN, 2);
    write(dir, FashionMnist.imageFile(Split.TEST), gzip(images(1, 28, 28, new byte[784])));
    java.nio.file.Files.createDirectory(dir.resolve(FashionMnist.labelFile(Split.TEST)));

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> DataLocation.of(dir, null, null).resolve());

    assertEquals(
        "--data " + dir + ": t10k-labels-idx1-ubyte.gz is a folder, not a file", e.getMessage());
  }

  @Test
  void hastenDataVariableNamingAnIncompleteFolderIsRejected() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> DataLocation.of(null, dir.toString(), null).resolve());

    assertTrue(
        e.getMessage().startsWith("$HASTEN_DATA=" + dir + ": missing train-images"),
        e.getMessage());
  }

  @Test
  void dataFlagWinsOverTheVariableAndTheSystemFolder() {
    writeSplit(Split.TRAIN, 3);
    writeSplit(Split.TEST, 2);

    DataSource source = DataLocation.of(dir, "/nonexistent", Path.of("/nonexistent")).resolve();

    assertFalse(source.isEmbedded());
    assertEquals("Fashion-MNIST in " + dir, source.description());
    try (Datasets data = new Datasets(DataLocation.of(dir, null, null), manager, 2)) {
      assertEquals(3, data.fashionMnist(Split.TRAIN).size());
      assertEquals(2, data.fashionMnist(Split.TEST).size());
      assertEquals(2, data.fashionMnist(Split.TRAIN).sampler().getBatchSize());
    }
  }

  @Test
  void withoutFlagVariableOrSystemFolderTheEmbeddedSubsetIsUsedAndSaidSo() {
    DataSource source = DataLocation.of(null, null, dir.resolve("absent")).resolve();

    assertTrue(source.isEmbedded());
    assertEquals(
        "Fashion-MNIST not found in "
            + dir.resolve("absent")
            + " and $HASTEN_DATA is not set; using the embedded subset of 6,000 training and"
            + " 1,000 test images (install dataset-fashion-mnist for the full set)",
        source.notice().orElseThrow());
  }

  @Test
  void imagesOfAnotherSizeAreNotFashionMnist() {
    write(dir, FashionMnist.imageFile(Split.TRAIN), gzip(images(1, 2, 2, new byte[4])));
    write(dir, FashionMnist.labelFile(Split.TRAIN), gzip(labels((byte) 0)));
    writeSplit(Split.TEST, 1);

    try (Datasets data = new Datasets(DataLocation.of(dir, null, null), manager)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> data.fashionMnist(Split.TRAIN));
      assertTrue(
          e.getMessage().endsWith("holds images of 2x2; Fashion-MNIST images are 28x28"),
          e.getMessage());
    }
  }

  private void writeSplit(Split split, int count) {
    write(dir, FashionMnist.imageFile(split), gzip(images(count, 28, 28, new byte[count * 784])));
    write(dir, FashionMnist.labelFile(split), gzip(labels(new byte[count])));
  }
}
