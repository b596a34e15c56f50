package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.samples.recipes.FashionMildRecipe;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * {@link FashionMildRecipe} on ResNet SMALL: SGD with a one-cycle schedule and no weight decay of
 * its own (the recipe brings decoupled decay). The recipe's known costs are acknowledged.
 */
@SuppressWarnings("hasten:cost")
@Pipeline(epochs = 6, batchSize = 256, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.2, momentum = 0.9, weightDecay = 0)
@OneCycleLr(warmupFraction = 0.25)
@FashionMildRecipe
public class FashionRecipeMild {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  Block model(Models models) {
    return models.resNet(ResNetSize.SMALL, 10);
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
