package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.model.ResidualBlock;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter that a step's backward pass did not reach takes no update, as in PyTorch, whose
 * optimizers skip a parameter whose {@code grad} is None after {@code zero_grad(set_to_none=True)}:
 * no momentum step, no coupled or decoupled weight decay. On real runs: a residual branch kept at
 * step 0 (so it has momentum and a gradient once) and dropped by stochastic depth at step 1.
 */
class ParametersWithoutGradientTest {
  @TempDir Path tmp;

  @Test
  void sgdTakesNoMomentumStepAndNoWeightDecayOnADroppedBranch() {
    assertDroppedBranchUnchanged(
        SgdOptimizer.builder().setLearningRate(0.1).optMomentum(0.9).optWeightDecay(0.01).build(),
        null);
  }

  @Test
  void adamWTakesNoMomentStepAndNoDecayOnADroppedBranch() {
    assertDroppedBranchUnchanged(
        AdamWOptimizer.builder().setLearningRate(0.01).optWeightDecay(0.01).build(), null);
  }

  @Test
  void decoupledWeightDecayLeavesADroppedBranchAlone() {
    assertDroppedBranchUnchanged(
        SgdOptimizer.builder().setLearningRate(0.1).build(),
        new DecoupledWeightDecayMethod(0.5, 0.1, new ConstantSchedule()));
  }

  /**
   * {@code flatten → relu(Linear(1)(x) + x) → Linear(2)} under stochastic depth, three steps: the
   * branch is kept at step 0, dropped at step 1. The branch's weight and bias after step 1 are
   * those after step 0, bit for bit, while the classifier keeps training.
   */
  private void assertDroppedBranchUnchanged(
      ParameterUpdater optimizer, DecoupledWeightDecayMethod decay) {
    StochasticDepthMethod depth = new StochasticDepthMethod(0.5, DropDistribution.UNIFORM);
    Block model =
        depth.apply(
            new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(
                    new ResidualBlock(Linear.builder().setUnits(1).build(), Blocks.identityBlock()))
                .add(Linear.builder().setUnits(2).build()),
            SurgeryFixtures.SPEC);
    StochasticBranch.Switch state = depth.switches().get(0);
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, model, 3, 1, new ConstantSchedule(), optimizer)) {
      if (decay != null) {
        decay.onFitStart(run);
      }
      List<Parameter> branch =
          new ArrayList<>(
              SurgeryFixtures.find(run.model(), StochasticBranch.class)
                  .get(0)
                  .branch()
                  .getParameters()
                  .values());
      Parameter classifier =
          run.model().getParameters().get(run.model().getParameters().size() - 2).getValue();
      List<float[]> afterKept = null;
      float[] classifierAfterKept = null;
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          state.draw(step.index() == 0 ? 0.9 : 0.0); // kept at step 0, dropped after
          try (GradientCollector gradients = run.newGradientCollector()) {
            run.forward(step);
            run.computeLoss(step);
            gradients.backward(step.loss());
          }
          if (decay != null) {
            decay.transformGradients(step);
          }
          run.optimizerStep(step);
          long index = step.index();
          run.endStep(step);
          if (index == 0) {
            afterKept = values(branch);
            classifierAfterKept = classifier.getArray().toFloatArray();
          } else if (index == 1) {
            List<float[]> afterDropped = values(branch);
            for (int i = 0; i < branch.size(); i++) {
              assertArrayEquals(afterKept.get(i), afterDropped.get(i), branch.get(i).getName());
            }
            assertFalse(
                Arrays.equals(classifierAfterKept, classifier.getArray().toFloatArray()),
                "the classifier had a gradient and trained");
            return;
          }
        }
      }
    }
  }

  private static List<float[]> values(List<Parameter> parameters) {
    List<float[]> values = new ArrayList<>();
    for (Parameter p : parameters) {
      values.add(p.getArray().toFloatArray());
    }
    return values;
  }
}
