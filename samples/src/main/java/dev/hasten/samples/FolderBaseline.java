package dev.hasten.samples;

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
import dev.hasten.runtime.model.Models;

/**
 * {@link FashionBaseline} on a folder of your own images: {@code ./hasten train FolderBaseline
 * --data DIR}, with {@code DIR/<class>/<image>} (or {@code DIR/train/…} and {@code DIR/test/…})
 * holding 10 classes. Every image is brought to 28×28 grey (docs/DATA.md says how), decoded once
 * into a cache, and normalised with the training images' own mean and standard deviation.
 */
@Pipeline(epochs = 8, batchSize = 128, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
@CosineLr(warmupFraction = 0)
public class FolderBaseline {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.images(Split.TRAIN);
  }

  @EvalData
  Dataset eval(Datasets data) {
    return data.images(Split.TEST);
  }
}
