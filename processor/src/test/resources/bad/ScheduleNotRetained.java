package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.LrSchedule;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Flat
public class ScheduleNotRetained {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}

/** Its class receives it, but it is not kept at run time. */
@Schedule(implementedBy = "test.FlatSchedule")
@interface Flat {}

class FlatSchedule implements LrSchedule {
  FlatSchedule(Flat values) {}

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    return baseLr;
  }
}
