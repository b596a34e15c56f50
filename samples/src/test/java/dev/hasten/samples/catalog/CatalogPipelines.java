package dev.hasten.samples.catalog;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * Pipelines for the training tests of the optimisation and system methods: the baseline CNN of
 * {@code FashionBaseline}, each with one method, some set to an extreme that makes its effect
 * plain in a few steps. Their known costs are what the tests exercise.
 */
@SuppressWarnings("hasten:cost")
final class CatalogPipelines {
  private CatalogPipelines() {}

  /** A threshold this small leaves every step ~1e-6 long: the model cannot learn. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @GradientClipping(clippingType = ClippingType.NORM, clippingThreshold = 1e-6)
  public static class ClippedToNothing {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** lr·wd = 0.05·5 = 0.25: each step keeps 3/4 of every weight, so the weights vanish. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @ConstantLr
  @DecoupledWeightDecay(weightDecay = 5)
  public static class DecayedToNothing {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** Half of a 2-epoch run: 6,000 images in batches of 1,024 make 5 steps an epoch. */
  @Pipeline(epochs = 2, batchSize = 1024)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @ScaleSchedule(ratio = 0.5)
  public static class HalfLength {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** Averaging over the second half, never ending: every evaluation after mid-run sees it. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Swa(start = 0.5, end = 1.0)
  public static class AveragedToTheEnd {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** The plain baseline, for a trajectory to compare with. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  public static class Plain {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** Sam on every other step. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Sam(rho = 0.05, interval = 2)
  public static class SharpnessAware {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }

  /** FP16 with loss scaling: stops at start on the CPU. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @MixedPrecision
  public static class HalfPrecision {
    @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
    Block model(Models models) { return models.baselineCnn(10); }

    @TrainData Dataset train(Datasets data) { return data.fashionMnist(Split.TRAIN); }

    @EvalData Dataset eval(Datasets data) { return data.fashionMnist(Split.TEST); }
  }
}
