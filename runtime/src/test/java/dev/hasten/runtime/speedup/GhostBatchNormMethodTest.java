package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GhostBatchNormMethodTest {
  private static final float EPS = 1e-5f; // DJL's BatchNorm default

  private final Models models = new Models();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static NDArray statistic(BatchNorm bn, Parameter.Type type) {
    for (Parameter parameter : bn.getDirectParameters().values()) {
      if (parameter.getType() == type) {
        return parameter.getArray();
      }
    }
    throw new AssertionError("no " + type);
  }

  @Test
  void eachGhostBatchIsNormalisedByItsOwnStatistics() {
    // One channel, batch [1, 3, 10, 14] in ghost batches of 2: [1, 3] has mean 2 and (biased)
    // variance 1, [10, 14] mean 12 and variance 4, so both normalise to [−1, 1]·(σ²/(σ² + ε))^½.
    // A plain BatchNorm would use mean 7 and variance 27.5 for all four.
    BatchNorm bn = BatchNorm.builder().build();
    GhostBatchNormBlock ghost = new GhostBatchNormBlock(bn, 2);
    ghost.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 1, 1));
    NDArray x = manager.create(new float[] {1, 3, 10, 14}, new Shape(4, 1, 1, 1));
    float[] out = SurgeryFixtures.forward(ghost, manager, x, true).toFloatArray();
    float a = (float) (1 / Math.sqrt(1 + EPS));
    float b = (float) (2 / Math.sqrt(4 + EPS));
    assertArrayEquals(new float[] {-a, a, -b, b}, out, 1e-6f);
  }

  @Test
  void runningStatisticsMoveOncePerStepTowardsTheGhostBatchesMeanStatistics() {
    // DJL's momentum 0.9 keeps 0.9 of the old value. Chunk means 2 and 12 average 7; their
    // unbiased variances (what PyTorch keeps) are 2 and 8, averaging 5. From 0 and 1:
    // mean 0.9·0 + 0.1·7 = 0.7, variance 0.9·1 + 0.1·5 = 1.4. (A plain BatchNorm: the unbiased
    // variance of all four, 110/3, gives 0.9 + 3.667 = 4.567.)
    BatchNorm bn = BatchNorm.builder().build();
    GhostBatchNormBlock ghost = new GhostBatchNormBlock(bn, 2);
    ghost.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 1, 1));
    NDArray x = manager.create(new float[] {1, 3, 10, 14}, new Shape(4, 1, 1, 1));
    SurgeryFixtures.forward(ghost, manager, x, true);
    assertEquals(0.7f, statistic(bn, Parameter.Type.RUNNING_MEAN).getFloat(0), 1e-6f);
    assertEquals(1.4f, statistic(bn, Parameter.Type.RUNNING_VAR).getFloat(0), 1e-6f);
  }

  @Test
  void evaluationIsThePlainBatchNormWithItsRunningStatistics() {
    // After the step above, (x − 0.7)/√(1.4 + ε) for x = 1.7: 1/√1.40001.
    BatchNorm bn = BatchNorm.builder().build();
    GhostBatchNormBlock ghost = new GhostBatchNormBlock(bn, 2);
    ghost.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 1, 1));
    SurgeryFixtures.forward(
        ghost, manager, manager.create(new float[] {1, 3, 10, 14}, new Shape(4, 1, 1, 1)), true);
    NDArray one = manager.create(new float[] {1.7f}, new Shape(1, 1, 1, 1));
    NDArray y = SurgeryFixtures.forward(ghost, manager, one, false);
    assertEquals((float) (1 / Math.sqrt(1.4 + EPS)), y.getFloat(0, 0, 0, 0), 1e-5f);
  }

  @Test
  void gradientsFlowBackThroughEveryGhostBatch() {
    // Loss Σ wᵢ·yᵢ with w = [0, 1, 0, 1] over the outputs [−a, a, −b, b] above (y = γ·x̂ + β,
    // γ = 1, β = 0): ∂L/∂γ = Σ wᵢ·x̂ᵢ = a + b, ∂L/∂β = Σ wᵢ = 2. The backward pass must also
    // survive the running statistics being written after the chunks.
    BatchNorm bn = BatchNorm.builder().build();
    GhostBatchNormBlock ghost = new GhostBatchNormBlock(bn, 2);
    ghost.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 1, 1));
    NDArray x = manager.create(new float[] {1, 3, 10, 14}, new Shape(4, 1, 1, 1));
    NDArray w = manager.create(new float[] {0, 1, 0, 1}, new Shape(4, 1, 1, 1));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y = SurgeryFixtures.forward(ghost, manager, x, true);
      collector.backward(y.mul(w).sum());
    }
    double expected = 1 / Math.sqrt(1 + EPS) + 2 / Math.sqrt(4 + EPS);
    assertEquals(expected, statistic(bn, Parameter.Type.GAMMA).getGradient().getFloat(0), 1e-5);
    assertEquals(2f, statistic(bn, Parameter.Type.BETA).getGradient().getFloat(0), 1e-6f);
    assertEquals(0.7f, statistic(bn, Parameter.Type.RUNNING_MEAN).getFloat(0), 1e-6f);
  }

  @Test
  void batchesAreCutAsTorchChunkCutsThem() {
    assertEquals(8, GhostBatchNormBlock.chunkCount(256, 32));
    assertEquals(4, GhostBatchNormBlock.chunkCount(100, 32));
    // 10 into 4 chunks: every 3 → 3, 3, 3, 1. 9 into 4: every 3 → 3, 3, 3 (three chunks).
    assertArrayEquals(new long[] {3, 6, 9}, GhostBatchNormBlock.splitPoints(10, 4));
    assertArrayEquals(new long[] {3, 6}, GhostBatchNormBlock.splitPoints(9, 4));
  }

  @Test
  void everyBatchNormOfTheResNetIsWrappedAndTheTraitsStay() {
    // TINY: stem BatchNorm, two per block (3 blocks), and one in each projection shortcut of
    // stages 2 and 3: 1 + 6 + 2 = 9.
    Block resNet = models.resNet(ResNetSize.TINY, 10);
    EnumSet<Trait> before = EnumSet.copyOf(ModelTraits.of(resNet));
    Block ghosted = new GhostBatchNormMethod(4).apply(resNet, SurgeryFixtures.SPEC);
    assertEquals(9, SurgeryFixtures.find(ghosted, GhostBatchNormBlock.class).size());
    assertEquals(before, ModelTraits.of(ghosted));
    SurgeryFixtures.initialise(ghosted, manager);
    assertEquals(new Shape(8, 10), SurgeryFixtures.outputShape(ghosted, manager, 8, true));
  }

  @Test
  void aModelWithoutBatchNormIsRefused() {
    Block linear = ai.djl.nn.core.Linear.builder().setUnits(2).build();
    assertThrows(
        InvalidInputException.class,
        () -> new GhostBatchNormMethod(32).apply(linear, SurgeryFixtures.SPEC));
  }
}
