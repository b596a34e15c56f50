package dev.hasten.runtime.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The evaluation sums every path shares, against values worked out by hand. */
class PredictionTallyTest {
  /**
   * Logits {@code [ln 3, 0]} with label 0: softmax {@code [3/4, 1/4]}, right, loss {@code ln 4/3}.
   * Logits {@code [0, 0]} with label 1: softmax {@code [1/2, 1/2]}, the first class wins the tie,
   * so wrong, loss {@code ln 2}. Mean: {@code (ln 4/3 + ln 2) / 2 = ln(8/3) / 2}.
   */
  private static final double MEAN_LOSS = Math.log(8.0 / 3) / 2;

  @Test
  void imagesAreOnePredictionEach() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PredictionTally tally = new PredictionTally(manager);
      tally.add(
          manager.create(new float[] {(float) Math.log(3), 0, 0, 0}, new Shape(2, 2)),
          manager.create(new long[] {0, 1}));
      assertEquals(2, tally.predictions());
      assertEquals(1, tally.correct());
      assertEquals(MEAN_LOSS, tally.meanLoss(), 1e-6);
    }
  }

  @Test
  void aWindowIsOnePredictionPerPositionAndChunksAddUp() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PredictionTally tally = new PredictionTally(manager);
      assertTrue(Double.isNaN(tally.meanLoss()));
      // One window of two positions, then the same window again: four predictions, two right.
      for (int chunk = 0; chunk < 2; chunk++) {
        tally.add(
            manager.create(new float[] {(float) Math.log(3), 0, 0, 0}, new Shape(1, 2, 2)),
            manager.create(new long[] {0, 1}, new Shape(1, 2)));
      }
      assertEquals(4, tally.predictions());
      assertEquals(2, tally.correct());
      assertEquals(MEAN_LOSS, tally.meanLoss(), 1e-6);
    }
  }
}
