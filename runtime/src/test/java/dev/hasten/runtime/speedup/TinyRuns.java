package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxLabels;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;

/**
 * Real {@link Run}s over a few 1×1 images (pixel values 1, 2, …, scaled by 1/255), for speedups
 * that read the run (its total steps, its training images): {@code examples} examples in batches of
 * 1 for {@code epochs} epochs make a run of exactly {@code examples × epochs} steps.
 */
final class TinyRuns {
  private TinyRuns() {}

  /** {@code flatten → Linear(1)}: parameters "02Linear_weight" [1, 1] and "02Linear_bias" [1]. */
  static Block linearModel() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(1).build());
  }

  /** The name of {@link #linearModel()}'s weight (not its bias). */
  static String weightName(Block model) {
    for (Pair<String, Parameter> named : model.getParameters()) {
      if (named.getKey().endsWith("weight")) {
        return named.getKey();
      }
    }
    throw new AssertionError("no weight in " + model.getParameters().keys());
  }

  /** {@link #linearModel()}'s weight. */
  static Parameter weight(Block model) {
    return model.getParameters().get(weightName(model));
  }

  static Run open(
      NDManager manager, Path out, Block model, int examples, int epochs, LrSchedule schedule) {
    return open(
        manager,
        out,
        model,
        examples,
        epochs,
        schedule,
        SgdOptimizer.builder().setLearningRate(0.1).build());
  }

  /** As {@link #open(NDManager, Path, Block, int, int, LrSchedule)}, with {@code optimizer}. */
  static Run open(
      NDManager manager,
      Path out,
      Block model,
      int examples,
      int epochs,
      LrSchedule schedule,
      ParameterUpdater optimizer) {
    byte[] pixels = new byte[examples];
    for (int i = 0; i < examples; i++) {
      pixels[i] = (byte) (i + 1);
    }
    ImageDataset data =
        ImageDataset.fromIdx(
            new IdxImages("tiny", examples, 1, 1, pixels),
            new IdxLabels("tiny", new byte[examples]),
            2,
            0f,
            1f,
            manager,
            ImageDataset.batchSampler(1, false));
    RunSpec spec =
        RunSpec.builder()
            .setPipeline("test.Tiny")
            .setEpochs(epochs)
            .setBatchSize(1)
            .setImageShape(1, 1, 1)
            .setClasses(2)
            .build();
    RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false);
    return new Runs(options, manager).open(spec, model, data, null, optimizer, schedule);
  }

  static Run open(NDManager manager, Path out, Block model, int examples, int epochs) {
    return open(manager, out, model, examples, epochs, new ConstantSchedule());
  }

  /** A step of {@code run}'s model with index {@code index}, progress {@code index / total}. */
  static Step step(Run run, NDManager stepManager, long index) {
    return new Step(
        run.model(),
        stepManager,
        index,
        0,
        index / (double) run.totalSteps(),
        run.spec().seed(),
        null,
        null,
        null);
  }
}
