package dev.hasten.samples.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.dsl.speedup.GhostBatchNorm;
import dev.hasten.dsl.speedup.SqueezeExcite;
import dev.hasten.dsl.speedup.StochasticDepth;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.samples.BaselineCnnOnFashion;
import dev.hasten.samples.FashionMnistData;
import dev.hasten.samples.TinyResNetOnFashion;

/** Pipelines whose exports the tests load: model surgery, averaging, a Block of one's own. */
@SuppressWarnings("hasten:cost")
final class ExportPipelines {
  private ExportPipelines() {}

  /**
   * Every model surgery that changes evaluation: blurred downsampling, squeeze-excite gates,
   * residual branches dropped half the time (scaled by 1/2 in evaluation), ghost batch norm.
   */
  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @BlurPool(minChannels = 1)
  @SqueezeExcite(minChannels = 16)
  @StochasticDepth(dropRate = 0.5)
  @GhostBatchNorm(ghostBatchSize = 16)
  public static class Surgery extends TinyResNetOnFashion {}

  /** Averaging from the first step to the end: a run cut short is evaluated on the average. */
  @Pipeline(epochs = 2, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Swa(start = 0, end = 1.0)
  public static class Averaged extends BaselineCnnOnFashion {}

  /**
   * A model of one's own, not from the catalog, inherited from {@link OwnBlockModel}: it loads only
   * with these classes on the class path.
   */
  @Pipeline(epochs = 1, batchSize = 64)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  public static class OwnBlock extends OwnBlockModel {}

  /** Not a pipeline: the model {@link OwnBlock} inherits, and the data. */
  public abstract static class OwnBlockModel extends FashionMnistData {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM})
    public Block model() {
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
  }
}
