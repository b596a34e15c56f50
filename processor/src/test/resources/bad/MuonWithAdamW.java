package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 1, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@AdamW(lr = 1e-3)
@Muon
public class MuonWithAdamW {
  @Model(traits = {Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD})
  Block model(Models models) {
    return models.gpt(GptSize.TOY, 256, 128);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
