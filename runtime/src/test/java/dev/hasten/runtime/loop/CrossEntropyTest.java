package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The loss, against values worked out by hand. */
class CrossEntropyTest {
  /**
   * Row 0: logits (0, ln 3), softmax (1/4, 3/4), one-hot class 0: loss −ln(1/4) = ln 4. Row 1: the
   * same logits against the soft target (1/2, 1/2): −(ln(1/4) + ln(3/4)) / 2 = ln(16/3) / 2.
   */
  @Test
  void eachRowIsTheCrossEntropyOfItsTargetAndTheMeanIsTheirs() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float ln3 = (float) Math.log(3);
      NDArray logits = manager.create(new float[] {0, ln3, 0, ln3}, new Shape(2, 2));
      NDArray targets = manager.create(new float[] {1, 0, 0.5f, 0.5f}, new Shape(2, 2));
      double first = Math.log(4);
      double second = Math.log(16.0 / 3) / 2;

      float[] rows = CrossEntropy.perPrediction(logits, targets).toFloatArray();
      assertArrayEquals(new float[] {(float) first, (float) second}, rows, 1e-6f);
      assertEquals((first + second) / 2, CrossEntropy.mean(logits, targets).getFloat(), 1e-6);
    }
  }

  @Test
  void againstLabelsItIsTheMeanNegativeLogProbabilityOfEachLabel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Two positions over four tokens. First: logits 0, ln 3, 0, 0 give softmax 1/6, 3/6, 1/6,
      // 1/6; label 1 costs ln 2. Second: all equal, label 3 costs ln 4.
      float ln3 = (float) Math.log(3);
      NDArray logits = manager.create(new float[] {0, ln3, 0, 0, 5, 5, 5, 5}, new Shape(1, 2, 4));
      NDArray labels = manager.create(new long[] {1, 3}, new Shape(1, 2));
      assertArrayEquals(
          new float[] {(float) Math.log(2), (float) Math.log(4)},
          CrossEntropy.perLabel(logits, labels).toFloatArray(),
          1e-6f);
      assertEquals(
          (Math.log(2) + Math.log(4)) / 2,
          CrossEntropy.meanOfLabels(logits, labels).getFloat(),
          1e-6);
    }
  }
}
