package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ScalarsTest {
  @Test
  void theGradientOfAScaledArrayIsTheFactorEvenAfterACollection() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int round = 0; round < 5; round++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray x = step.create(new float[] {1, 2, 3});
          x.setRequiresGradient(true);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = Scalars.times(x, 0.5).sum();
            // What freed the number behind mul(Number): the collector running before backward,
            // with fresh direct buffers taking the freed memory.
            for (int i = 0; i < 64; i++) {
              ByteBuffer.allocateDirect(4096).putFloat(0, Float.NaN);
            }
            System.gc();
            collector.backward(y);
          }
          // d(Σ 0.5·x)/dx = 0.5 for every element.
          assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, x.getGradient().toFloatArray());
        }
      }
    }
  }

  @Test
  void keepsTheTypeOfItsArray() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray half = manager.create(new float[] {2, 4}).toType(DataType.FLOAT16, false);
      NDArray scaled = Scalars.times(half, 0.25);
      assertEquals(DataType.FLOAT16, scaled.getDataType());
      // 0.25 · (2, 4) = (0.5, 1), both exact in FP16.
      assertArrayEquals(
          new float[] {0.5f, 1f}, scaled.toType(DataType.FLOAT32, false).toFloatArray());
    }
  }
}
