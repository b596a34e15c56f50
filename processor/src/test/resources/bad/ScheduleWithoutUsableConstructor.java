package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.LrSchedule;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Halving(every = 0.5)
public class ScheduleWithoutUsableConstructor {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}

/** Its class takes a number, not the annotation. */
@Schedule(implementedBy = "test.HalvingSchedule")
@Retention(RetentionPolicy.RUNTIME)
@interface Halving {
  double every();
}

class HalvingSchedule implements LrSchedule {
  private final double every;

  HalvingSchedule(double every) {
    this.every = every;
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    return baseLr * Math.pow(0.5, Math.floor(step / (every * totalSteps)));
  }
}
