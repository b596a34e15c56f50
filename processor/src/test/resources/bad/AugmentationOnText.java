package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.processor.fixtures.TextClassification;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 256)
@TextClassification(classes = 4)
@RandomCrop(padding = 4)
public class AugmentationOnText {
  @Model(traits = {Trait.CONV2D})
  Block model(Models models) {
    return models.baselineCnn(4);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
