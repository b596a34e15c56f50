package dev.hasten.samples.catalog;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.ColOut;
import dev.hasten.dsl.speedup.CutOut;
import dev.hasten.dsl.speedup.DataPruning;
import dev.hasten.dsl.speedup.GhostBatchNorm;
import dev.hasten.dsl.speedup.HorizontalFlip;
import dev.hasten.dsl.speedup.LayerFreezing;
import dev.hasten.dsl.speedup.RandomCrop;
import dev.hasten.dsl.speedup.SelectiveBackprop;
import dev.hasten.dsl.speedup.SqueezeExcite;
import dev.hasten.dsl.speedup.StochasticDepth;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * Pipelines for the training tests of the data and model methods, one per method, each followed by
 * {@link Probe} so that the test sees what the method changed. They have no evaluation data: the
 * tests look at training only. The known costs of some methods are acknowledged for all of them
 * ({@code hasten:cost}): these pipelines exist to exercise the methods.
 */
@SuppressWarnings("hasten:cost")
final class DataModelPipelines {
  private DataModelPipelines() {}

  /**
   * Not a pipeline: the baseline CNN on Fashion-MNIST's training split, without evaluation data.
   */
  abstract static class OnBaselineCnn {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) {
      return models.baselineCnn(10);
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }
  }

  /** Not a pipeline: the tiny ResNet on Fashion-MNIST's training split, without evaluation data. */
  abstract static class OnTinyResNet {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
    Block model(Models models) {
      return models.resNet(ResNetSize.TINY, 10);
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }
  }

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @CutOut(numHoles = 1, length = 0.5)
  @Probe
  static class WithCutOut extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Probe
  static class Plain extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @RandomCrop(padding = 4)
  @Probe
  static class WithRandomCrop extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @HorizontalFlip(probability = 1)
  @Probe
  static class WithHorizontalFlip extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @ColOut(pRow = 0.15, pCol = 0.15)
  @Probe
  static class WithColOut extends OnTinyResNet {}

  @Pipeline(epochs = 1, batchSize = 100)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @DataPruning(keepFraction = 0.5, scoringEpochs = 1)
  @Probe
  static class WithDataPruning extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @StochasticDepth(dropRate = 0.5, dropDistribution = DropDistribution.UNIFORM)
  @Probe
  static class WithStochasticDepth extends OnTinyResNet {}

  /** 600 images in batches of 100: 6 steps an epoch; epoch 1 starts half way through. */
  @Pipeline(epochs = 2, batchSize = 100)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @LayerFreezing(freezeStart = 0, freezeLevel = 1.0)
  @Probe
  static class WithLayerFreezing extends OnBaselineCnn {}

  /** Selects on every step of the run: half of each batch of 64 is backpropagated. */
  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @SelectiveBackprop(start = 0, end = 1, keep = 0.5, interrupt = 0)
  @Probe
  static class WithSelectiveBackprop extends OnBaselineCnn {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @BlurPool
  @Probe
  static class WithBlurPool extends OnTinyResNet {}

  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @SqueezeExcite
  @Probe
  static class WithSqueezeExcite extends OnTinyResNet {}

  @Pipeline(epochs = 1, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @GhostBatchNorm(ghostBatchSize = 32)
  @Probe
  static class WithGhostBatchNorm extends OnTinyResNet {}
}
