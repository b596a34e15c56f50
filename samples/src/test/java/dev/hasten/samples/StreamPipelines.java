package dev.hasten.samples;

import ai.djl.nn.Block;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.ColOut;
import dev.hasten.dsl.speedup.DataPruning;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.dsl.speedup.SelectiveBackprop;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.model.Models;

/**
 * Image-folder pipelines with the speedups that read the whole training split (DataPruning's
 * scoring, SWA's BatchNorm re-estimation) or reshape each step's inputs (SelectiveBackprop,
 * ProgressiveResizing, ColOut), for {@link StreamedPathTest} to run on the resident and the
 * streamed path. Both train on a folder of 500 training images (50 per class) in batches of 25.
 * They exist to be compared, not to train well, hence the cost suppression.
 */
@SuppressWarnings("hasten:cost")
final class StreamPipelines {
  private StreamPipelines() {}

  /**
   * DataPruning keeps 250 of the 500 examples: 10 steps an epoch, 20 in all. Swa averages from step
   * 6 (0.3 of the run) to step 16 and re-estimates BatchNorm's statistics from the training split
   * at each evaluation inside its window; SelectiveBackprop selects on every other step.
   */
  @Pipeline(epochs = 2, batchSize = 25, seed = 7)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.01, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0)
  @DataPruning(keepFraction = 0.5, scoringEpochs = 1)
  @Swa(start = 0.3, end = 0.8, lr = 0.02, annealSteps = 3)
  @SelectiveBackprop(start = 0, end = 1, keep = 0.5)
  static class Pruned extends FolderData {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) {
      return models.baselineCnn(10);
    }
  }

  /**
   * The tiny ResNet (ProgressiveResizing and ColOut need a global pool), one epoch of 20 steps: the
   * inputs grow from half size, and rows and columns drop out.
   */
  @Pipeline(epochs = 1, batchSize = 25, seed = 7)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.01, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0)
  @ProgressiveResizing(initialScale = 0.5, delayFraction = 0, finetuneFraction = 0.2)
  @ColOut
  static class Resized extends FolderData {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
    Block model(Models models) {
      return models.resNet(ResNetSize.TINY, 10);
    }
  }
}
