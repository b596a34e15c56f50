package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class BatchNormStatisticsTest {
  private static float statistic(Block model, Parameter.Type type) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getValue().getType() == type) {
        return p.getValue().getArray().toFloatArray()[0];
      }
    }
    throw new AssertionError("no " + type);
  }

  @Test
  void statisticsAreResetThenMovedTowardTheBatchesWithDjlsMomentum() {
    // One channel; every image is the constant 3, so each batch has mean 3 and variance 0.
    // Reset: mean 0, var 1. DJL's BatchNorm moves r ← 0.9·r + 0.1·batch (momentum 0.9).
    // 8 images in batches of 2 → 4 batches (fewer than asked for):
    //   mean = 3·(1 − 0.9^4) = 3·0.3439 = 1.0317;   var = 0.9^4·1 = 0.6561.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = new SequentialBlock().add(BatchNorm.builder().build());
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
      for (Pair<String, Parameter> p : model.getParameters()) {
        if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
          p.getValue().getArray().set(new float[] {-7});
        }
      }
      NDArray images = manager.full(new Shape(8, 1, 2, 2), 3f);
      assertTrue(BatchNormStatistics.present(model));

      BatchNormStatistics.recompute(model, images, 2, 50, 42);

      assertEquals(1.0317f, statistic(model, Parameter.Type.RUNNING_MEAN), 1e-5);
      assertEquals(0.6561f, statistic(model, Parameter.Type.RUNNING_VAR), 1e-5);
    }
  }

  @Test
  void aModelWithoutBatchNormHasNothingToRecompute() {
    assertFalse(BatchNormStatistics.present(TinyRuns.linearModel()));
  }
}
