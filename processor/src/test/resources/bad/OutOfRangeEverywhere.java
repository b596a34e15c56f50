package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(
    channels = 1,
    height = 28,
    width = 28,
    classes = 1)
@Sgd(
    lr = 0,
    momentum = 0.9)
@OneCycleLr(
    warmupFraction = 1.0)
@MixUp(
    alpha = 0.0)
public class OutOfRangeEverywhere {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
