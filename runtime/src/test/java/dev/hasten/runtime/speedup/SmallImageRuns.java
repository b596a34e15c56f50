package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxLabels;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Runs;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.nio.file.Path;
import java.util.Random;

/**
 * Real {@link Run}s over random grey square images with 10 classes (labels 0, 1, …, 9, 0, …), the
 * same data for training and evaluation, at a constant learning rate: for speedups whose trouble
 * only shows in a run's steps with real batches (more than {@link TinyRuns}' 1×1 images in batches
 * of 1).
 */
final class SmallImageRuns {
  private SmallImageRuns() {}

  static Run open(
      NDManager manager,
      Path out,
      Block model,
      int examples,
      int side,
      int batchSize,
      int epochs,
      ParameterUpdater optimizer) {
    byte[] pixels = new byte[examples * side * side];
    new Random(7).nextBytes(pixels);
    byte[] labels = new byte[examples];
    for (int i = 0; i < examples; i++) {
      labels[i] = (byte) (i % 10);
    }
    ImageDataset data =
        ImageDataset.fromIdx(
            new IdxImages("random", examples, side, side, pixels),
            new IdxLabels("random", labels),
            10,
            0f,
            1f,
            manager,
            ImageDataset.batchSampler(batchSize, false));
    RunSpec spec =
        RunSpec.builder()
            .setPipeline("test.SmallImages")
            .setEpochs(epochs)
            .setBatchSize(batchSize)
            .setImageShape(1, side, side)
            .setClasses(10)
            .build();
    RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false);
    return new Runs(options, manager)
        .open(spec, model, data, data, optimizer, new ConstantSchedule());
  }
}
