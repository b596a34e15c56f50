package dev.hasten.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.hasten.runtime.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ImageDataset dataset(IdxImages images, IdxLabels labels, int classes) {
    return ImageDataset.fromIdx(
        images,
        labels,
        classes,
        FashionMnist.MEAN,
        FashionMnist.STD,
        manager,
        ImageDataset.batchSampler(2, false));
  }

  @Test
  void pixelsAreScaledToUnitRangeThenStandardisedWithFashionMnistStatistics() {
    // One image of 1x2 pixels, 51 and 204: 51/255 = 0.2 and 204/255 = 0.8, so
    //   (0.2 - 0.2860) / 0.3530 = -0.0860 / 0.3530 = -0.243626062...
    //   (0.8 - 0.2860) / 0.3530 =  0.5140 / 0.3530 =  1.456090651...
    IdxImages images = new IdxImages("images", 1, 1, 2, new byte[] {51, (byte) 204});
    IdxLabels labels = new IdxLabels("labels", new byte[] {7});

    ImageDataset data = dataset(images, labels, 10);

    assertEquals(new Shape(1, 1, 1, 2), data.images().getShape());
    assertEquals(DataType.FLOAT32, data.images().getDataType());
    float[] values = data.images().toFloatArray();
    assertEquals(-0.243626062f, values[0], 1e-6f);
    assertEquals(1.456090651f, values[1], 1e-6f);
    assertEquals(DataType.INT64, data.labels().getDataType());
    assertArrayEquals(new long[] {7}, data.labels().toLongArray());
  }

  @Test
  void imagesAndLabelsOfDifferentCountsNameBothFiles() {
    IdxImages images = new IdxImages("a/train-images-idx3-ubyte.gz", 2, 1, 1, new byte[2]);
    IdxLabels labels = new IdxLabels("b/train-labels-idx1-ubyte.gz", new byte[3]);

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> dataset(images, labels, 10));

    assertEquals(
        "a/train-images-idx3-ubyte.gz holds 2 images but b/train-labels-idx1-ubyte.gz holds 3"
            + " labels; they must be of one split",
        e.getMessage());
  }

  @Test
  void labelOutsideTheClassesIsRejectedWithItsIndex() {
    IdxImages images = new IdxImages("images", 3, 1, 1, new byte[3]);
    IdxLabels labels = new IdxLabels("labels", new byte[] {0, 9, 10});

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> dataset(images, labels, 10));

    assertEquals(
        "labels holds label 10 at index 2, but the data set has 10 classes (0 to 9)",
        e.getMessage());
  }

  @Test
  void viewWithAnotherSamplingSharesTheArraysAndBatchesInOrder() throws Exception {
    IdxImages images = new IdxImages("images", 3, 1, 1, new byte[] {0, 1, 2});
    IdxLabels labels = new IdxLabels("labels", new byte[] {4, 5, 6});
    ImageDataset data = dataset(images, labels, 10);

    ImageDataset view = data.withSampling(2, false);

    assertSame(data.images(), view.images());
    assertSame(data.labels(), view.labels());
    assertEquals(3, view.size());
    List<long[]> batchLabels = new ArrayList<>();
    for (Batch batch : view.getData(manager)) {
      batchLabels.add(batch.getLabels().head().toLongArray());
      assertEquals(new Shape(batch.getSize(), 1, 1, 1), batch.getData().head().getShape());
      batch.close();
    }
    assertEquals(2, batchLabels.size());
    assertArrayEquals(new long[] {4, 5}, batchLabels.get(0));
    assertArrayEquals(new long[] {6}, batchLabels.get(1));
  }
}
