package test;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/** Not a pipeline: the GPT and the text the language pipelines inherit. */
public abstract class TextData {
  @Model(traits = {Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD})
  Block model(Models models) {
    return models.gpt(GptSize.TOY, 256, 128);
  }

  @TrainData
  Dataset train() {
    return Datasets.kjv(Split.TRAIN);
  }

  @EvalData
  Dataset eval() {
    return Datasets.kjv(Split.TEST);
  }
}
