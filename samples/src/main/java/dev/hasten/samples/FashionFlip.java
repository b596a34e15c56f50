package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;
import dev.hasten.samples.custom.MirrorImages;

/**
 * The baseline with a user-defined speedup ({@link MirrorImages}) next to a built-in one:
 * nothing in the processor or the runtime knows either by name.
 */
@Pipeline(epochs = 8, batchSize = 128, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@MirrorImages(probability = 0.5)
@LabelSmoothing(0.1)
public class FashionFlip {
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
