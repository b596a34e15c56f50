package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hasten.runtime.loop.PlainStep;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LayerFreezing in a real run: what a frozen layer's weights do while the others train. */
class LayerFreezingTrainingTest {
  @TempDir Path out;

  @Test
  void aFrozenLayersWeightsStayBitIdenticalWhileTheLayersAfterItKeepTraining() {
    // Layers L1, L2, L3, L4 (n = 4; flatten has no parameters). freezeStart 0, freezeLevel 1
    // over 2 epochs of 4 steps: epoch 0 starts at progress 0 (nothing frozen), epoch 1 at
    // progress 0.5, where ⌊0.5 · (4 − 1)⌋ = 1 layer freezes: L1. SGD with momentum 0.9 and weight
    // decay
    // 5e-4, so a frozen weight that still took the decay or its momentum buffer from epoch 0
    // would move. L1 moves in epoch 0 and not at all in epoch 1; L2 moves in both.
    Linear l1 = Linear.builder().setUnits(8).build();
    Linear l2 = Linear.builder().setUnits(8).build();
    Block model =
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(l1)
            .add(l2)
            .add(Linear.builder().setUnits(8).build())
            .add(Linear.builder().setUnits(10).build());
    LayerFreezingMethod freezing = new LayerFreezingMethod(0.0, 1.0);
    SgdOptimizer sgd =
        SgdOptimizer.builder().setLearningRate(0.05).optMomentum(0.9).optWeightDecay(5e-4).build();
    float[][] l1After = new float[8][];
    float[][] l2After = new float[8][];
    try (NDManager manager = NDManager.newBaseManager();
        Run run = SmallImageRuns.open(manager, out, model, 40, 4, 10, 2, sgd)) {
      float[] l1Initial = weight(l1);
      float[] l2Initial = weight(l2);
      for (int epoch : run.epochs()) {
        freezing.onEpochStart(run, epoch);
        for (Step step : run.steps(epoch)) {
          PlainStep.train(run, step);
          int index = (int) step.index();
          run.endStep(step);
          l1After[index] = weight(l1);
          l2After[index] = weight(l2);
        }
        run.endEpoch(epoch);
      }
      assertEquals(8, run.stepsTaken());
      assertFalse(Arrays.equals(l1Initial, l1After[0]), "L1 trains before freezing");
      assertFalse(Arrays.equals(l2Initial, l2After[0]), "L2 trains before freezing");
    }
    for (int i = 4; i < 8; i++) {
      assertArrayEquals(l1After[3], l1After[i], "frozen L1 moved at step " + i);
      assertFalse(Arrays.equals(l2After[i - 1], l2After[i]), "L2 stopped at step " + i);
    }
  }

  @Test
  void composersDefaultsFreezeNothingWhileATwoEpochRunTrains() {
    // freezeStart 0.5, freezeLevel 1 (Composer's defaults): the epochs of a 2-epoch run start at
    // progress 0 and 0.5, and f(0.5) = 0 (f is 0 up to and including freezeStart). Composer
    // freezes at the end of each epoch with the elapsed fraction, 0.5 and 1.0: the same layers
    // while training, all of them only once training is over. A 2-epoch run with these values
    // trains exactly as its baseline.
    assertEquals(0.0, LayerFreezingMethod.frozenFraction(0.0, 0.5, 1.0));
    assertEquals(0.0, LayerFreezingMethod.frozenFraction(0.5, 0.5, 1.0));
  }

  private static float[] weight(Linear layer) {
    for (Parameter parameter : layer.getDirectParameters().values()) {
      if (parameter.getType() == Parameter.Type.WEIGHT) {
        return parameter.getArray().toFloatArray();
      }
    }
    throw new AssertionError("no weight");
  }
}
