package dev.hasten.samples;

import ai.djl.nn.Block;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.model.Models;

/**
 * Not a pipeline: the baseline CNN of {@link FashionBaseline} on Fashion-MNIST, for variants that
 * differ only in their annotations to inherit.
 */
public abstract class BaselineCnnOnFashion extends FashionMnistData {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  public Block model(Models models) {
    return models.baselineCnn(10);
  }
}
