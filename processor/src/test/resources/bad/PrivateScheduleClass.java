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
@HiddenLr
public class PrivateScheduleClass {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }

  private static final class Hidden implements LrSchedule {
    Hidden() {}

    @Override
    public double learningRate(double baseLr, long step, long totalSteps) {
      return baseLr;
    }
  }
}

/** Names a class nested private in the pipeline. */
@Schedule(implementedBy = "test.PrivateScheduleClass.Hidden")
@Retention(RetentionPolicy.RUNTIME)
@interface HiddenLr {}
