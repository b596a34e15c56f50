package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

// The processor checks the data method's type only; Fashion-MNIST stands in for a text dataset.
@Pipeline(epochs = 1, batchSize = 16)
@LanguageModeling(sequenceLength = 128)
@Muon(lr = 0.02, adamLr = 1e-3, adamWeightDecay = 0.1)
@SeqLengthWarmup(duration = 0.25)
public class GptMuonWarmup {
  @Model(traits = {Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD})
  Block model(Models models) {
    return models.gpt(GptSize.TOY, 256, 128);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
