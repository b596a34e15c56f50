package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.runtime.loop.PlainStep;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GhostBatchNorm in a real run: the training loop's steps, as the generated trainer makes them. */
class GhostBatchNormTrainingTest {
  @TempDir Path out;

  @Test
  void theBaselineCnnTrainsFullBatchesInGhostBatchesStepAfterStep() {
    // The CnnGhostBatchNorm pipeline's shape: the baseline CNN, batches of 128 in ghost batches
    // of 32, SGD with momentum and weight decay; an epoch of 2 steps and an evaluation. Every
    // backward pass needs the arrays each ghost batch's BatchNorm saved; a version that reset
    // the layer's running statistics in place between ghost batches failed the first one
    // ("modified by an inplace operation: [CPUFloatType [64]]"), on any data.
    Block cnn = new Models().baselineCnn(10);
    Block model = new GhostBatchNormMethod(32).apply(cnn, SurgeryFixtures.SPEC);
    SgdOptimizer sgd =
        SgdOptimizer.builder().setLearningRate(0.05).optMomentum(0.9).optWeightDecay(5e-4).build();
    try (NDManager manager = NDManager.newBaseManager();
        Run run = SmallImageRuns.open(manager, out, model, 256, 28, 128, 1, sgd)) {
      for (int epoch : run.epochs()) {
        for (Step step : run.steps(epoch)) {
          PlainStep.train(run, step);
          run.endStep(step);
        }
        run.evaluate(epoch);
        run.endEpoch(epoch);
      }
      assertEquals(2, run.stepsTaken());
    }
  }
}
