package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@SeqLengthWarmup
public class SeqLengthWarmupOnImages {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
