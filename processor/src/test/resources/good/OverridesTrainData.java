package test;

import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;

/** Inherits its model and evaluation data, and overrides its training data. */
@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
public class OverridesTrainData extends FashionData {
  @Override
  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TEST);
  }
}
