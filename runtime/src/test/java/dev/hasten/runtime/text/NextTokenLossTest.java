package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NextTokenLossTest {
  @Test
  void isTheMeanNegativeLogProbabilityOfEachLabel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Two positions over four tokens. First: logits 0, ln 3, 0, 0 give softmax 1/6, 3/6, 1/6,
      // 1/6; label 1 costs ln 2. Second: all equal, label 3 costs ln 4.
      float ln3 = (float) Math.log(3);
      var logits = manager.create(new float[] {0, ln3, 0, 0, 5, 5, 5, 5}, new Shape(1, 2, 4));
      var labels = manager.create(new long[] {1, 3}, new Shape(1, 2));
      assertEquals(
          (Math.log(2) + Math.log(4)) / 2, NextTokenLoss.of(logits, labels).getFloat(), 1e-6);
    }
  }
}
