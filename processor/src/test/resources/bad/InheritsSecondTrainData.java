package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
public class InheritsSecondTrainData extends TrainDataBase {
  @TrainData
  Dataset moreTrain(Datasets data) {
    return data.fashionMnist(Split.TEST);
  }
}

abstract class TrainDataBase {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
