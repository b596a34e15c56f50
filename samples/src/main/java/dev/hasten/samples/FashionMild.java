package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.OneCycleLr;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * A mild recipe in the spirit of Composer's: label smoothing, progressive resizing and an
 * exponential moving average of the weights, on a small ResNet whose global-pooling head
 * accepts the smaller images that resizing feeds it early in the run.
 */
@Pipeline(epochs = 6, batchSize = 256, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.2, momentum = 0.9, weightDecay = 5e-4)
@OneCycleLr(warmupFraction = 0.25)
@LabelSmoothing(0.1)
@ProgressiveResizing(initialScale = 0.5, delayFraction = 0.2, finetuneFraction = 0.3)
@Ema(halfLifeSteps = 200)
public class FashionMild {
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
