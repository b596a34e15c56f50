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
 * A folder of 32×32 RGB images too large for its memory budget, streamed from its cache: the
 * pipeline of the "bigger than memory" measurement. {@code python3
 * scripts/write-synthetic-images.py DIR} writes its data (a million images in ten classes);
 * {@code ./hasten train SyntheticStream --data DIR --data-memory 512m} trains on it.
 *
 * <p>The model is the catalog's compact CNN, small enough that a CPU runs thousands of steps in
 * minutes; one epoch of a million images is 7,812 steps.
 */
@Pipeline(epochs = 1, batchSize = 128, seed = 11)
@ImageClassification(channels = 3, height = 32, width = 32, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
@CosineLr(warmupFraction = 0)
public class SyntheticStream {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.compactCnn(10);
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
