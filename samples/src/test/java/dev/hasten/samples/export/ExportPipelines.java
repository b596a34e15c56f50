package dev.hasten.samples.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.GhostBatchNorm;
import dev.hasten.dsl.speedup.SqueezeExcite;
import dev.hasten.dsl.speedup.StochasticDepth;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/** Pipelines whose exports the tests load: model surgery, averaging, a Block of one's own. */
@SuppressWarnings("hasten:cost")
final class ExportPipelines {
  private ExportPipelines() {}

  /**
   * Every model surgery that changes evaluation: blurred downsampling, squeeze-excite gates, residual
   * branches dropped half the time (scaled by 1/2 in evaluation), ghost batch norm.
   */
  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @BlurPool(minChannels = 1)
  @SqueezeExcite(minChannels = 16)
  @StochasticDepth(dropRate = 0.5)
  @GhostBatchNorm(ghostBatchSize = 16)
  public static class Surgery {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
    Block model(Models models) {
      return models.resNet(ResNetSize.TINY, 10);
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }

    @EvalData
    Dataset eval(Datasets data) {
      return data.fashionMnist(Split.TEST);
    }
  }

  /** Averaging from the first step to the end: a run cut short is evaluated on the average. */
  @Pipeline(epochs = 2, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Swa(start = 0, end = 1.0)
  public static class Averaged {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) {
      return models.baselineCnn(10);
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }

    @EvalData
    Dataset eval(Datasets data) {
      return data.fashionMnist(Split.TEST);
    }
  }

  /** A model of one's own, not from the catalog: it loads only with this class on the class path. */
  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  public static class OwnBlock {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM})
    Block model() {
      return new SequentialBlock()
          .add(
              Conv2d.builder()
                  .setKernelShape(new Shape(5, 5))
                  .optStride(new Shape(4, 4))
                  .setFilters(8)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Blocks.batchFlattenBlock())
          .add(Linear.builder().setUnits(10).build());
    }

    @TrainData
    Dataset train(Datasets data) {
      return data.fashionMnist(Split.TRAIN);
    }

    @EvalData
    Dataset eval(Datasets data) {
      return data.fashionMnist(Split.TEST);
    }
  }
}
