package dev.hasten.samples.catalog;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.samples.BaselineCnnOnFashion;

/**
 * Pipelines for the training tests of the optimisation and system methods: the baseline CNN of
 * {@code FashionBaseline}, each with one method, some set to an extreme that makes its effect plain
 * in a few steps. Their known costs are what the tests exercise.
 */
@SuppressWarnings("hasten:cost")
final class CatalogPipelines {
  private CatalogPipelines() {}

  /** A threshold this small leaves every step ~1e-6 long: the model cannot learn. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @GradientClipping(clippingType = ClippingType.NORM, clippingThreshold = 1e-6)
  public static class ClippedToNothing extends BaselineCnnOnFashion {}

  /** lr·wd = 0.05·5 = 0.25: each step keeps 3/4 of every weight, so the weights vanish. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @ConstantLr
  @DecoupledWeightDecay(weightDecay = 5)
  public static class DecayedToNothing extends BaselineCnnOnFashion {}

  /** Half of a 2-epoch run: 6,000 images in batches of 1,024 make 5 steps an epoch. */
  @Pipeline(epochs = 2, batchSize = 1024)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @ScaleSchedule(ratio = 0.5)
  public static class HalfLength extends BaselineCnnOnFashion {}

  /** Averaging over the second half, never ending: every evaluation after mid-run sees it. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Swa(start = 0.5, end = 1.0)
  public static class AveragedToTheEnd extends BaselineCnnOnFashion {}

  /** The plain baseline, for a trajectory to compare with. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  public static class Plain extends BaselineCnnOnFashion {}

  /** Sam on every other step. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9)
  @Sam(rho = 0.05, interval = 2)
  public static class SharpnessAware extends BaselineCnnOnFashion {}

  /** FP16 with loss scaling: stops at start on the CPU. */
  @Pipeline(epochs = 1)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @MixedPrecision
  public static class HalfPrecision extends BaselineCnnOnFashion {}
}
