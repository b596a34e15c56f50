package dev.hasten.testing;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.data.Datasets;

/** A pipeline whose model is what it says: a linear classifier, no traits declared. */
@Pipeline(epochs = 2, batchSize = 16, seed = 5)
@ImageClassification(channels = 3, height = 8, width = 6, classes = 4)
@Sgd(lr = 0.1)
@CosineLr
@LabelSmoothing(0.1)
public class TinyLinear {
  @Model
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(4).build());
  }

  @TrainData
  Dataset train(Datasets data) {
    throw new AssertionError("the check gives its own batch; the pipeline's data is not read");
  }

  @EvalData
  Dataset eval(Datasets data) {
    return data.fashionMnist(Split.TEST);
  }
}
