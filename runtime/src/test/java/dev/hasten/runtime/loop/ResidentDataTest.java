package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import org.junit.jupiter.api.Test;

class ResidentDataTest {
  @Test
  void aPlainDjlArrayDatasetIsReadThroughIntoTwoArraysThatOutliveItsIterator() {
    // Five 1×1×2 images with pixels (2i, 2i + 1) and labels i, in batches of 2 (2, 2, 1):
    // DJL's iterator closes the manager its batches live in when the iteration ends, so the
    // arrays read through must have been moved out of it. Labels come back as int64, one axis.
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray pixels = manager.arange(10f).reshape(5, 1, 1, 2);
      NDArray classes = manager.arange(5f).reshape(5, 1);
      ArrayDataset dataset =
          new ArrayDataset.Builder()
              .setData(pixels)
              .optLabels(classes)
              .setSampling(2, false)
              .build();
      ResidentData resident = ResidentData.of(dataset, manager);
      assertEquals(5, resident.size());
      assertEquals(new Shape(5, 1, 1, 2), resident.images().getShape());
      assertArrayEquals(
          new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, resident.images().toFloatArray());
      assertEquals(DataType.INT64, resident.labels().getDataType());
      assertArrayEquals(new long[] {0, 1, 2, 3, 4}, resident.labels().toLongArray());
    }
  }

  @Test
  void theFingerprintWeighsEachLabelByItsPositionAndCountsPixelsAboveZero() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray images =
          manager.create(new float[] {-1f, 0f, 0.5f, 2f, -0.1f, 3f}, new Shape(3, 1, 1, 2));
      ResidentData data = ResidentData.of(images, manager.create(new long[] {1, 0, 1}));
      // (1+1)·1 + (0+1)·2 + (1+1)·3 = 10; pixels above zero: 0.5, 2, 3.
      assertEquals("labels:10,pixels:3", data.fingerprint());
      // The same labels in another order tell another data set.
      ResidentData swapped = ResidentData.of(images, manager.create(new long[] {0, 1, 1}));
      assertEquals("labels:11,pixels:3", swapped.fingerprint());
    }
  }
}
