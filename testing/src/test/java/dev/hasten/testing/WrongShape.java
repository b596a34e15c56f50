package dev.hasten.testing;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.runtime.data.Datasets;

/** A model with 3 outputs for a task declared with 10 classes. */
@Pipeline(epochs = 1, batchSize = 8)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.1)
public class WrongShape {
  @Model
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(3).build());
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
