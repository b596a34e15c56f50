package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@AdamW(lr = 1e-3, beta2 = 0.99, weightDecay = 0.1)
@CosineLr(warmupFraction = 0.05)
public class LanguageModelBaseline {
  @Model(traits = {Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD})
  Block model(Models models) {
    return models.gpt(GptSize.TOY, 256, 128);
  }

  @TrainData
  Dataset train() {
    return Datasets.kjv(Split.TRAIN);
  }
}
