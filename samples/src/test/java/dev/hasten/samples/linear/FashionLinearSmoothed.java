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
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.samples.FashionMnistData;

/**
 * The linear classifier with label smoothing, at its own 3 epochs: a pipeline to judge in tests.
 */
@Pipeline(epochs = 3, batchSize = 128, seed = 3)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9)
@CosineLr
@LabelSmoothing(0.1)
public class FashionLinearSmoothed extends FashionMnistData {
  @Model
  Block model() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
  }
}
