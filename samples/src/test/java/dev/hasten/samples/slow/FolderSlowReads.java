package dev.hasten.samples.slow;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.ImageSourceDataset;
import dev.hasten.runtime.model.Models;
import dev.hasten.samples.FolderData;

/**
 * An image-folder pipeline whose training images are read {@value #MILLIS_PER_READ} ms slower per
 * batch ({@link SlowReads}): streamed, its reader cannot keep up with the step. {@link
 * FolderSlowReads.Unthrottled} is the same pipeline reading at the disk's speed.
 *
 * <p>The model is the baseline CNN: a step computes in tens of milliseconds on one thread (a few
 * hundred on a loaded machine), below the throttle, and far above the upload of a batch of 25
 * images, so that an unthrottled reader, even one waiting for the scheduler, stays ahead of it.
 */
@Pipeline(epochs = 1, batchSize = 25, seed = 5)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.01, momentum = 0.9)
@CosineLr(warmupFraction = 0)
@SuppressWarnings("hasten:cost")
public class FolderSlowReads {
  /** Longer than a step of this model at batch 25 on a CPU, even a loaded one. */
  public static final long MILLIS_PER_READ = 800;

  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    ImageSourceDataset images = data.images(Split.TRAIN);
    return ImageSourceDataset.of(
        new SlowReads(images.source(), MILLIS_PER_READ),
        images.normalisation(),
        ImageDataset.batchSampler(25, true));
  }

  @EvalData
  Dataset eval(Datasets data) {
    return data.images(Split.TEST);
  }

  /** The same pipeline with the folder's own reads. */
  @Pipeline(epochs = 1, batchSize = 25, seed = 5)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.01, momentum = 0.9)
  @CosineLr(warmupFraction = 0)
  @SuppressWarnings("hasten:cost")
  public static class Unthrottled extends FolderData {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) {
      return models.baselineCnn(10);
    }
  }
}
