package dev.hasten.samples.linear;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.samples.FashionMnistData;

/** A baseline that trains in a blink (a linear classifier), for sweeps in tests. */
@Pipeline(epochs = 2, batchSize = 128, seed = 3)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9)
@CosineLr
public class FashionLinear extends FashionMnistData {
  @Model
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
  }
}
