package dev.hasten.samples.faults;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.ConstantLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/** The baseline with an absurd learning rate: its loss leaves the finite numbers within steps. */
@Pipeline(epochs = 1, batchSize = 64, seed = 3)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 1e9, momentum = 0.9, weightDecay = 0)
@ConstantLr
public class Diverging {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }

  @EvalData
  Dataset eval(Datasets data) {
    return data.fashionMnist(Split.TEST);
  }
}
