package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Pipeline(epochs = 2, batchSize = 256)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Plain
public class OptimizerNotAnUpdater {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.TINY, 10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}

/** Names a class that is no ParameterUpdater. */
@Optimizer(implementedBy = "test.NotAnUpdater")
@Retention(RetentionPolicy.RUNTIME)
@interface Plain {}

class NotAnUpdater {
  NotAnUpdater(Plain values) {}
}
