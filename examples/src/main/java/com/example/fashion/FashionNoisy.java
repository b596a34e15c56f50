package com.example.fashion;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * A pipeline of this project: Hasten's small CNN on Fashion-MNIST, with this project's own
 * {@link GaussianNoise} beside a built-in speedup. Train it from Java with
 * {@code Hasten.train(FashionNoisy.class, RunOptions.defaults())}.
 */
@Pipeline(epochs = 4, batchSize = 128, seed = 7)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
@CosineLr
@GaussianNoise(std = 0.1)
@LabelSmoothing(0.1)
public class FashionNoisy {
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
