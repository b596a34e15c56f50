package dev.hasten.samples.slow;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.runtime.data.Datasets;

/**
 * A pipeline whose data is known to be slow: 150 ms of sleep per batch in front of a linear model
 * that computes in a few milliseconds, so the doctor must find the delay in the BATCH stage and
 * call the run data-bound.
 */
@Pipeline(epochs = 1, batchSize = 32, seed = 7)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@SlowBatch(millis = 150)
public class FashionSlowBatch {
  @Model
  Block model() {
    return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
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
