package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Alibi
public class AlibiOnImages {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
