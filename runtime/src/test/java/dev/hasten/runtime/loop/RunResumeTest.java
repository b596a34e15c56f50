package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxLabels;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resumed {@link Run} must restore besides weights and counters, on tiny real runs. */
class RunResumeTest {
  @TempDir Path tmp;

  /**
   * {@code flatten → parallel(Linear(2), Linear(2)) → first branch's output}: the second branch is
   * computed but its output unused, so no backward pass reaches its weight and bias.
   */
  static Block halfUsedModel() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(
            new ParallelBlock(
                outputs -> outputs.get(0),
                List.of(
                    Linear.builder().setUnits(2).build(), Linear.builder().setUnits(2).build())));
  }

  /** 4 examples of 1×1 pixel, batches of 1, 1 epoch; a checkpoint after every step. */
  static Run open(NDManager manager, Path out, boolean resume) {
    int examples = 4;
    byte[] pixels = {1, 2, 3, 4};
    ImageDataset data =
        ImageDataset.fromIdx(
            new IdxImages("tiny", examples, 1, 1, pixels),
            new IdxLabels("tiny", new byte[] {0, 1, 0, 1}),
            2,
            0f,
            1f,
            manager,
            ImageDataset.batchSampler(1, false));
    RunSpec spec =
        RunSpec.builder()
            .setPipeline("test.HalfUsed")
            .setEpochs(1)
            .setBatchSize(1)
            .setImageShape(1, 1, 1)
            .setClasses(2)
            .build();
    RunOptions options =
        RunOptions.defaults()
            .withOut(out)
            .withProgressBar(false)
            .withCheckpointEvery(1)
            .withResume(resume);
    SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.1).optMomentum(0.9).build();
    return new Runs(options, manager)
        .open(spec, halfUsedModel(), data, null, sgd, new ConstantSchedule());
  }

  /** Trains {@code count} steps of {@code run} the way the generated loop does. */
  static void train(Run run, int count) {
    int taken = 0;
    for (int epoch : run.epochs()) {
      for (Step step : run.steps(epoch)) {
        PlainStep.train(run, step);
        run.endStep(step);
        if (++taken == count) {
          return;
        }
      }
      run.endEpoch(epoch);
    }
  }

  @Test
  void theParametersThatHadAGradientHaveAZeroOneAfterAResumeAndTheOthersNone() {
    Path out = tmp.resolve("run");
    List<String> before;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 2);
      before = GradientPresence.withGradient(run.model());
      run.close();
    }
    // The used branch's weight and bias; not the unused branch's two.
    assertEquals(2, before.size(), before.toString());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run resumed = open(manager, out, true);
      assertEquals(2, resumed.stepsTaken());
      assertEquals(before, GradientPresence.withGradient(resumed.model()));
      for (String name : before) {
        Parameter p = resumed.model().getParameters().get(name);
        try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) p.getArray())) {
          assertNotNull(gradient, name);
          // Zeros, as the optimizer's in-place zeroing left them after the update of step 2.
          assertArrayEquals(new float[(int) gradient.size()], gradient.toFloatArray(), name);
        }
      }
      resumed.close();
    }
  }

  @Test
  void aFreshModelHasNoGradientUntilABackwardPassReachesIt() {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, tmp.resolve("fresh"), false);
      assertTrue(GradientPresence.withGradient(run.model()).isEmpty());
      train(run, 1);
      assertFalse(GradientPresence.withGradient(run.model()).isEmpty());
      run.close();
    }
  }

  @Test
  void aResumedRunMayStillShapeItsDataAndDurationBeforeItsFirstStep() {
    // Data pruning and ScaleSchedule do this at FIT_START, in a resumed run as in a fresh one.
    Path out = tmp.resolve("shaped");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 1);
      run.close();
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run resumed = open(manager, out, true);
      assertDoesNotThrow(() -> resumed.scaleDuration(0.5));
      // 4 examples, 1 epoch, half the length: 2 steps in all.
      assertEquals(2, resumed.totalSteps());
      assertDoesNotThrow(() -> resumed.keepTrainingExamples(new long[] {0, 1}));
      resumed.close();
    }
  }
}
