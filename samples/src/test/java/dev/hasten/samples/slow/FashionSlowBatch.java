package dev.hasten.samples.slow;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.samples.FashionMnistData;

/**
 * A pipeline whose data is known to be slow: 150 ms of sleep per batch in front of a linear model
 * that computes in a few milliseconds, so the doctor must find the delay in the BATCH stage and
 * call the run data-bound.
 */
@Pipeline(epochs = 1, batchSize = 32, seed = 7)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@SlowBatch(millis = 150)
public class FashionSlowBatch extends FashionMnistData {
  @Model
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
  }
}
