package dev.hasten.samples;

import ai.djl.nn.Block;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.ResNetSize;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.model.Models;

/**
 * Not a pipeline: the small ResNet of {@link FashionMild} on Fashion-MNIST, for variants that
 * differ only in their annotations to inherit.
 */
public abstract class SmallResNetOnFashion extends FashionMnistData {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.RESIDUAL, Trait.GLOBAL_POOL})
  public Block model(Models models) {
    return models.resNet(ResNetSize.SMALL, 10);
  }
}
