package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 1, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@Alibi
public class AlibiWithoutAttention {
  @Model(traits = {Trait.LAYER_NORM, Trait.FEED_FORWARD})
  Block model(Models models) {
    return models.gpt(GptSize.TOY, 256, 128);
  }

  // Only the data's type is checked when compiling.
  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
