package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.runtime.model.ResidualBlock;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.util.List;
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

  @Test
  void everyStochasticDepthBranchIsMeasuredInItsEvaluationForm() {
    // relu(F(x) + x) then a BatchNorm, F = BatchNorm then +1, under stochastic depth 0.5; the
    // last training step dropped the branch. Every image is the constant 3 (one channel), batches
    // of 2 from 8 images → 4 batches; DJL's BatchNorm moves r ← 0.9·r + 0.1·batch from the reset.
    // Measured as evaluation runs the branch (on, scaled by 1 − 0.5):
    //   branch BatchNorm: batch mean 3, variance 0 → mean 3·(1 − 0.9^4) = 1.0317, var 0.6561;
    //   F(x) = 0 + 1 = 1 (a constant is normalised to 0), block output relu(0.5·1 + 3) = 3.5;
    //   BatchNorm after: mean 3.5·0.3439 = 1.20365, var 0.6561.
    // With the branch left dropped, its BatchNorm would keep the reset (0, 1) and the one after
    // would see 3 (mean 1.0317); with the branch on but unscaled, 4 (mean 1.3756).
    try (NDManager manager = NDManager.newBaseManager()) {
      Block branch =
          new SequentialBlock()
              .add(BatchNorm.builder().build())
              .add(LambdaBlock.singleton(x -> x.add(1), "plusOne"));
      StochasticDepthMethod depth = new StochasticDepthMethod(0.5, DropDistribution.UNIFORM);
      Block model =
          depth.apply(
              new SequentialBlock()
                  .add(new ResidualBlock(branch, Blocks.identityBlock()))
                  .add(BatchNorm.builder().build()),
              SurgeryFixtures.SPEC);
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
      StochasticBranch.Switch state = depth.switches().get(0);
      state.draw(0.0); // dropped, as the last step left it
      NDArray images = manager.full(new Shape(8, 1, 2, 2), 3f);

      BatchNormStatistics.recompute(model, images, 2, 50, 42);

      List<BatchNorm> norms = SurgeryFixtures.find(model, BatchNorm.class);
      assertEquals(2, norms.size());
      assertEquals(1.0317f, running(norms.get(0), "runningMean"), 1e-5);
      assertEquals(0.6561f, running(norms.get(0), "runningVar"), 1e-5);
      assertEquals(1.20365f, running(norms.get(1), "runningMean"), 1e-5);
      assertEquals(0.6561f, running(norms.get(1), "runningVar"), 1e-5);
      assertFalse(state.kept(), "the step's draw is left as it was");
    }
  }

  private static float running(BatchNorm norm, String name) {
    return norm.getDirectParameters().get(name).getArray().toFloatArray()[0];
  }
}
