package dev.hasten.samples;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Trait;

/**
 * A folder of 32×32 RGB images too large for its memory budget, streamed from its cache: the
 * pipeline of the "bigger than memory" measurement. {@code python3
 * scripts/write-synthetic-images.py DIR} writes its data (a million images in ten classes); {@code
 * ./hasten train SyntheticStream --data DIR --data-memory 512m} trains on it.
 *
 * <p>The model is deliberately tiny, two strided 3×3 convolutions (8 and 16 channels) with
 * BatchNorm and ReLU, then a linear layer: about 0.13 M multiply-adds an image, so that a CPU runs
 * the measurement's 5,000 steps in minutes and the reader, not the model, is what the run
 * exercises. One epoch of a million images is 7,812 steps.
 */
@Pipeline(epochs = 1, batchSize = 128, seed = 11)
@ImageClassification(channels = 3, height = 32, width = 32, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
@CosineLr(warmupFraction = 0)
public class SyntheticStream extends FolderData {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM})
  Block model() {
    SequentialBlock net = new SequentialBlock();
    for (int channels : new int[] {8, 16}) {
      net.add(
              Conv2d.builder()
                  .setKernelShape(new Shape(3, 3))
                  .optStride(new Shape(2, 2))
                  .optPadding(new Shape(1, 1))
                  .setFilters(channels)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation::relu);
    }
    return net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
  }
}
