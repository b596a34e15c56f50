package dev.hasten.testing;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.data.Datasets;

/**
 * A pipeline whose declared traits lie: progressive resizing is accepted at compile time because
 * the model is declared GLOBAL_POOL, but the model is a linear classifier with no global pooling
 * (it would fail on the first smaller batch, or silently train on a fixed size).
 */
@Pipeline(epochs = 1, batchSize = 8)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.1)
@ProgressiveResizing
public class LyingTraits {
  @Model(traits = {Trait.GLOBAL_POOL})
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
