package dev.hasten.samples.bench;

import dev.hasten.dsl.*;
import dev.hasten.dsl.speedup.*;
import dev.hasten.samples.BaselineCnnOnFashion;
import dev.hasten.samples.TinyResNetOnFashion;

/**
 * The pipelines {@link MethodsBenchmark} measures: one per catalog method, each the baseline plus
 * that method alone with its defaults (and Composer's required values where it has none), and the
 * two baselines. Methods that need residual blocks or a size-agnostic head run on the tiny ResNet,
 * the others on the baseline CNN of {@code FashionBaseline}; both train 2 epochs of full
 * Fashion-MNIST at batch 128 with SGD (lr 0.05, momentum 0.9, weight decay 5e-4) and a cosine
 * schedule, so every run is compared with its own baseline at equal epochs.
 *
 * <p>Two pipelines depart from "the method with its defaults", because the defaults do nothing, or
 * nothing that trains, in 2 epochs. {@code CnnLayerFreezing} starts freezing at once ({@code
 * freezeStart = 0}): with Composer's 0.5, freezing happens at the ends of epochs and the first
 * point past 0.5 is the end of the run, so nothing would be frozen while training. {@code
 * CnnDataPruning} warms its learning rate up over the first 10% of steps: the kept (hardest) 70%
 * raises the first steps' loss spike to about 75 at the baseline's rate 0.05 without warm-up, and
 * the network stops learning (loss stuck at ln 10 from step 9).
 *
 * <p>{@code CnnSqueezeExcite} gates from 32 channels: SqueezeExcite gates a convolution with {@code
 * minChannels} channels both in and out, and the baseline CNN's widest convolution takes 32 in (32
 * → 64), so the default 64 gates nothing and the run is refused. {@code ResNetSwaStochasticDepth}
 * is the one pair: SWA re-estimates BatchNorm statistics for a model whose residual branches
 * stochastic depth drops in training.
 *
 * <p>{@code CnnDecoupledWeightDecay} replaces SGD's coupled decay (5e-4) by a decoupled one of
 * 5e-3, the same steady-state pull under momentum 0.9 ({@code 5e-4 / (1 − 0.9)}).
 *
 * <p>One file of nested classes, since each pipeline is four annotations and three one-line
 * methods; the known costs of their methods are what is being measured, hence the suppression.
 */
@SuppressWarnings("hasten:cost")
public final class MethodPipelines {
  private MethodPipelines() {}

  /** The pipelines on the baseline CNN, the baseline first. */
  public static final java.util.List<Class<?>> CNN =
      java.util.List.of(
          CnnBaseline.class,
          CnnLabelSmoothing.class,
          CnnEma.class,
          CnnMixUp.class,
          CnnCutMix.class,
          CnnSelectiveBackprop.class,
          CnnCutOut.class,
          CnnRandomCrop.class,
          CnnHorizontalFlip.class,
          CnnDataPruning.class,
          CnnBlurPool.class,
          CnnSqueezeExcite.class,
          CnnGhostBatchNorm.class,
          CnnLayerFreezing.class,
          CnnSwa.class,
          CnnSam.class,
          CnnGradientClipping.class,
          CnnScaleSchedule.class,
          CnnDecoupledWeightDecay.class,
          CnnMixedPrecision.class);

  /** The pipelines on the tiny ResNet, the baseline first. */
  public static final java.util.List<Class<?>> RESNET =
      java.util.List.of(
          ResNetBaseline.class,
          ResNetProgressiveResizing.class,
          ResNetColOut.class,
          ResNetStochasticDepth.class,
          ResNetSwaStochasticDepth.class);

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  public static class CnnBaseline extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @LabelSmoothing(0.1)
  public static class CnnLabelSmoothing extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @Ema(halfLifeSteps = 100)
  public static class CnnEma extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @MixUp
  public static class CnnMixUp extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @CutMix
  public static class CnnCutMix extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @SelectiveBackprop
  public static class CnnSelectiveBackprop extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @CutOut
  public static class CnnCutOut extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @RandomCrop
  public static class CnnRandomCrop extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @HorizontalFlip
  public static class CnnHorizontalFlip extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0.1)
  @DataPruning
  public static class CnnDataPruning extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @BlurPool
  public static class CnnBlurPool extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @SqueezeExcite(minChannels = 32)
  public static class CnnSqueezeExcite extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @GhostBatchNorm
  public static class CnnGhostBatchNorm extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @LayerFreezing(freezeStart = 0)
  public static class CnnLayerFreezing extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @Swa
  public static class CnnSwa extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @Sam
  public static class CnnSam extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @GradientClipping(clippingThreshold = 1.0)
  public static class CnnGradientClipping extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @ScaleSchedule(ratio = 0.5)
  public static class CnnScaleSchedule extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 0)
  @CosineLr
  @DecoupledWeightDecay(weightDecay = 5e-3)
  public static class CnnDecoupledWeightDecay extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @MixedPrecision
  public static class CnnMixedPrecision extends BaselineCnnOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  public static class ResNetBaseline extends TinyResNetOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @ProgressiveResizing
  public static class ResNetProgressiveResizing extends TinyResNetOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @ColOut
  public static class ResNetColOut extends TinyResNetOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @StochasticDepth
  public static class ResNetStochasticDepth extends TinyResNetOnFashion {}

  @Pipeline(epochs = 2, batchSize = 128)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr
  @Swa
  @StochasticDepth
  public static class ResNetSwaStochasticDepth extends TinyResNetOnFashion {}
}
