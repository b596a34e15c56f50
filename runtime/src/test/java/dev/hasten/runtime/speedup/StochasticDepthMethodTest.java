package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.DropGranularity;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.model.ResidualBlock;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StochasticDepthMethodTest {
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

  /** relu(2x + x): a residual block whose branch doubles its input, on an identity shortcut. */
  private Block doublingResidualBlock() {
    Block branch = LambdaBlock.singleton(x -> x.mul(2), "double");
    return new SequentialBlock().add(new ResidualBlock(branch, Blocks.identityBlock()));
  }

  @Test
  void evaluationScalesTheBranchByItsKeepProbability() {
    // One block, dropRate 0.5 (UNIFORM), branch F(x) = 2x, identity shortcut, x = [1, −1, 2].
    // Evaluation: relu(0.5·2x + x) = relu(2x) = [2, 0, 4]. Training, kept: relu(2x + x) =
    // [3, 0, 6]; dropped: relu(0 + x) = [1, 0, 2].
    StochasticDepthMethod method = new StochasticDepthMethod(0.5, DropDistribution.UNIFORM);
    Block model = method.apply(doublingResidualBlock(), SurgeryFixtures.SPEC);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    NDArray x = manager.create(new float[] {1, -1, 2}, new Shape(1, 3));
    assertArrayEquals(
        new float[] {2, 0, 4}, SurgeryFixtures.forward(model, manager, x, false).toFloatArray());
    StochasticBranch.Switch state = method.switches().get(0);
    state.draw(0.9);
    assertArrayEquals(
        new float[] {3, 0, 6}, SurgeryFixtures.forward(model, manager, x, true).toFloatArray());
    state.draw(0.1);
    assertArrayEquals(
        new float[] {1, 0, 2}, SurgeryFixtures.forward(model, manager, x, true).toFloatArray());
  }

  @Test
  void linearDistributionGrowsTheDropRateToTheLastBlock() {
    // Block l of L drops with dropRate·l/L: for 0.3 over 3 blocks, 0.1, 0.2, 0.3.
    assertEquals(0.1, StochasticDepthMethod.dropRateOf(1, 3, 0.3, DropDistribution.LINEAR), 1e-12);
    assertEquals(0.2, StochasticDepthMethod.dropRateOf(2, 3, 0.3, DropDistribution.LINEAR), 1e-12);
    assertEquals(0.3, StochasticDepthMethod.dropRateOf(3, 3, 0.3, DropDistribution.LINEAR), 1e-12);
    assertEquals(0.3, StochasticDepthMethod.dropRateOf(1, 3, 0.3, DropDistribution.UNIFORM), 1e-12);
  }

  @Test
  void everyResidualBlockOfTheMediumResNetGetsItsRateFromTheInputOnward() {
    // MEDIUM has 3 stages of 2 blocks: rates 0.2·l/6 for l = 1 … 6.
    StochasticDepthMethod method = new StochasticDepthMethod(0.2, DropDistribution.LINEAR);
    Block model = method.apply(models.resNet(ResNetSize.MEDIUM, 10), SurgeryFixtures.SPEC);
    List<StochasticBranch.Switch> switches = method.switches();
    assertEquals(6, switches.size());
    for (int l = 1; l <= 6; l++) {
      assertEquals(0.2 * l / 6, switches.get(l - 1).dropRate(), 1e-12);
    }
    assertEquals(6, SurgeryFixtures.find(model, StochasticBranch.class).size());
    assertTrue(ModelTraits.of(model).contains(Trait.RESIDUAL));
    SurgeryFixtures.initialise(model, manager);
    for (StochasticBranch.Switch state : switches) {
      state.draw(0); // every branch dropped: the shortcuts alone still give logits
    }
    assertEquals(new Shape(2, 10), SurgeryFixtures.outputShape(model, manager, 2, true));
  }

  @Test
  void eachStepDrawsItsDepthFromItsOwnRandomSource() {
    // Over 4,000 steps a branch of drop rate 0.25 is kept in about 75% of them (the binomial
    // standard deviation is 0.7%, so ±3% is over 4 of them); the same step always draws the same.
    StochasticDepthMethod method = new StochasticDepthMethod(0.25, DropDistribution.UNIFORM);
    method.apply(doublingResidualBlock(), SurgeryFixtures.SPEC);
    StochasticBranch.Switch state = method.switches().get(0);
    int kept = 0;
    for (int i = 0; i < 4000; i++) {
      method.transformBatch(step(i));
      kept += state.kept() ? 1 : 0;
    }
    assertEquals(0.75, kept / 4000.0, 0.03);
    method.transformBatch(step(17));
    boolean first = state.kept();
    method.transformBatch(step(18));
    method.transformBatch(step(17));
    assertEquals(first, state.kept());
  }

  private Step step(long index) {
    return step(index, 0.0);
  }

  private Step step(long index, double progress) {
    NDArray none = manager.zeros(new Shape(1));
    return new Step(null, manager, index, 0, progress, 42, none, none, none);
  }

  @Test
  void theWarmUpGrowsTheDropProbabilityWithTheRunsProgressAndEvaluationScalesByIt() {
    // dropRate 0.4 (UNIFORM), warm-up over half the run: at progress p < 0.5 a step drops with
    // 0.4·p/0.5, so 0 at the start, 0.2 at a quarter, the full 0.4 from half-way on. Evaluation
    // after the quarter step scales the branch 2x by 1 − 0.2: relu(0.8·2x + x) = relu(2.6x),
    // for x = [1, −1, 2] that is [2.6, 0, 5.2].
    StochasticDepthMethod method =
        new StochasticDepthMethod(0.4, DropDistribution.UNIFORM, DropGranularity.BLOCK, 0.5);
    Block model = method.apply(doublingResidualBlock(), SurgeryFixtures.SPEC);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    StochasticBranch.Switch state = method.switches().get(0);
    double[][] progressAndRate = {{0, 0}, {0.25, 0.2}, {0.5, 0.4}, {0.9, 0.4}};
    for (double[] pair : progressAndRate) {
      method.transformBatch(step(3, pair[0]));
      assertEquals(pair[1], state.dropRate(), 1e-12, "at progress " + pair[0]);
      assertEquals(0.4, state.fullDropRate());
    }
    method.transformBatch(step(3, 0.25));
    NDArray x = manager.create(new float[] {1, -1, 2}, new Shape(1, 3));
    assertArrayEquals(
        new float[] {2.6f, 0, 5.2f},
        SurgeryFixtures.forward(model, manager, x, false).toFloatArray(),
        1e-6f);
    // At progress 0 nothing is dropped, whatever the draw; at a quarter about 80% is kept.
    int keptAtStart = 0;
    int keptAtQuarter = 0;
    for (int i = 0; i < 4000; i++) {
      method.transformBatch(step(i, 0));
      keptAtStart += state.kept() ? 1 : 0;
      method.transformBatch(step(i, 0.25));
      keptAtQuarter += state.kept() ? 1 : 0;
    }
    assertEquals(4000, keptAtStart);
    assertEquals(0.8, keptAtQuarter / 4000.0, 0.03);
  }

  @Test
  void theSampleWiseFormDropsEachExampleOnItsOwnAndEvaluatesLikeTheBlockWise() {
    // dropRate 0.25 per example, branch 2x on an identity shortcut, x = 1 everywhere: in
    // training an example's row is relu(2 + 1) = 3 everywhere when kept and relu(0 + 1) = 1
    // everywhere when dropped, about 75% kept over 4,000 examples (binomial sd 0.7%). The step
    // draws no block switch. Evaluation: relu(0.75·2 + 1) = 2.5.
    StochasticDepthMethod method =
        new StochasticDepthMethod(0.25, DropDistribution.UNIFORM, DropGranularity.SAMPLE, 0);
    Block model = method.apply(doublingResidualBlock(), SurgeryFixtures.SPEC);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    StochasticBranch.Switch state = method.switches().get(0);
    assertTrue(state.perExample());
    for (int i = 0; i < 100; i++) {
      method.transformBatch(step(i));
      assertTrue(state.kept(), "a sample-wise switch is never drawn for the batch");
    }
    NDArray x = manager.ones(new Shape(4000, 3));
    manager.getEngine().setRandomSeed(7);
    float[] trained = SurgeryFixtures.forward(model, manager, x, true).toFloatArray();
    int keptExamples = 0;
    for (int e = 0; e < 4000; e++) {
      float first = trained[3 * e];
      assertTrue(first == 3f || first == 1f, "example " + e + " is " + first);
      assertEquals(first, trained[3 * e + 1]);
      assertEquals(first, trained[3 * e + 2]);
      keptExamples += first == 3f ? 1 : 0;
    }
    assertEquals(0.75, keptExamples / 4000.0, 0.03);
    manager.getEngine().setRandomSeed(7);
    assertArrayEquals(
        trained,
        SurgeryFixtures.forward(model, manager, x, true).toFloatArray(),
        "the same seed, as the loop sets per step, draws the same examples");
    float[] evaluated = SurgeryFixtures.forward(model, manager, x, false).toFloatArray();
    for (float v : evaluated) {
      assertEquals(2.5f, v);
    }
  }

  @Test
  void aModelWithoutResidualBlocksIsRefused() {
    assertThrows(
        InvalidInputException.class,
        () ->
            new StochasticDepthMethod(0.2, DropDistribution.LINEAR)
                .apply(models.baselineCnn(10), SurgeryFixtures.SPEC));
  }
}
