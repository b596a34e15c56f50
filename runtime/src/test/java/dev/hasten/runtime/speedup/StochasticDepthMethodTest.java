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
    assertArrayEquals(new float[] {2, 0, 4}, SurgeryFixtures.forward(model, manager, x, false).toFloatArray());
    StochasticBranch.Switch state = method.switches().get(0);
    state.draw(0.9);
    assertArrayEquals(new float[] {3, 0, 6}, SurgeryFixtures.forward(model, manager, x, true).toFloatArray());
    state.draw(0.1);
    assertArrayEquals(new float[] {1, 0, 2}, SurgeryFixtures.forward(model, manager, x, true).toFloatArray());
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
    NDArray none = manager.zeros(new Shape(1));
    return new Step(null, manager, index, 0, 0.0, 42, none, none, none);
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
