package dev.hasten.runtime.speedup;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.BlurPool;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.ModelTraits;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.Blur2d;
import dev.hasten.runtime.speedup.surgery.BlurConv2d;
import dev.hasten.runtime.speedup.surgery.MaxPoolShape;

/**
 * {@link BlurPool} (Zhang 2019, as Composer's {@code apply_blurpool}): before initialisation, wraps
 * every strided {@link Conv2d} in a {@link BlurConv2d} and turns every max-pool of kernel {@code
 * k}, stride {@code s} and padding {@code p} into a max-pool of stride 1 followed by a {@link
 * Blur2d} of stride {@code s}, which gives the same output size.
 *
 * <p>A convolution blurs only if it has at least {@code minChannels} input channels, which DJL
 * knows only at initialisation; so, once the run has started, {@code FIT_START} checks that
 * something is blurred and stops the run otherwise, rather than training an unchanged model.
 */
public final class BlurPoolMethod implements ModelSurgery, FitStartHook {
  private final boolean replaceConvs;
  private final boolean replaceMaxpools;
  private final boolean blurFirst;
  private final int minChannels;

  /** From the pipeline's annotation. */
  public BlurPoolMethod(BlurPool config) {
    this(config.replaceConvs(), config.replaceMaxpools(), config.blurFirst(), config.minChannels());
  }

  /**
   * @param replaceConvs whether strided convolutions are blurred
   * @param replaceMaxpools whether max-pools are blurred; not both false
   * @param blurFirst blur a convolution's input (true) or its stride-1 output (false)
   * @param minChannels the input channels from which a convolution is blurred, at least 1
   */
  public BlurPoolMethod(
      boolean replaceConvs, boolean replaceMaxpools, boolean blurFirst, int minChannels) {
    if (!replaceConvs && !replaceMaxpools) {
      throw new InvalidInputException(
          "@BlurPool(replaceConvs = false, replaceMaxpools = false) would blur nothing");
    }
    if (minChannels < 1) {
      throw new IllegalArgumentException("BlurPool minChannels must be >= 1, got " + minChannels);
    }
    this.replaceConvs = replaceConvs;
    this.replaceMaxpools = replaceMaxpools;
    this.blurFirst = blurFirst;
    this.minChannels = minChannels;
  }

  @Override
  public Block apply(Block model, RunSpec spec) {
    return BlockRewriter.rewrite(model, "@BlurPool", this::replace);
  }

  private Block replace(Block block) {
    if (replaceConvs && block instanceof Conv2d && isStrided((Conv2d) block)) {
      return BlurConv2d.of((Conv2d) block, blurFirst, minChannels);
    }
    if (replaceMaxpools && isMaxPool(block)) {
      return blurredMaxPool(MaxPoolShape.of(block));
    }
    return block;
  }

  private static boolean isStrided(Conv2d conv) {
    for (long stride : conv.getStride().getShape()) {
      if (stride > 1) {
        return true;
      }
    }
    return false;
  }

  /** A DJL max-pool block, recognised as {@link ModelTraits} recognises one. */
  private static boolean isMaxPool(Block block) {
    return block instanceof LambdaBlock && ModelTraits.of(block).contains(Trait.MAX_POOL);
  }

  /** Max at stride 1, then a blur with the pool's stride (Composer's {@code BlurMaxPool2d}). */
  public static Block blurredMaxPool(MaxPoolShape pool) {
    int k = pool.kernel();
    return new SequentialBlock()
        .add(
            Pool.maxPool2dBlock(
                new Shape(k, k), new Shape(1, 1), new Shape(pool.padding(), pool.padding()), false))
        .add(new Blur2d(pool.stride()));
  }

  /**
   * Stops the run if nothing in the initialised model is blurred: every strided convolution had
   * fewer than {@code minChannels} inputs and there was no max-pool.
   */
  @Override
  public void onFitStart(Run run) {
    if (blurCount(run.model()) == 0) {
      throw new InvalidInputException(
          "@BlurPool found nothing to blur: "
              + (replaceMaxpools ? "no max-pool, and " : "")
              + "no strided convolution with at least "
              + minChannels
              + " input channels; lower minChannels or remove @BlurPool");
    }
  }

  /** The blurs that act in an initialised model: blurring {@link BlurConv2d}s and other blurs. */
  public static int blurCount(Block block) {
    if (block instanceof BlurConv2d) {
      BlurConv2d conv = (BlurConv2d) block;
      return (conv.isBlurring() ? 1 : 0) + blurCount(conv.conv());
    }
    int count = block instanceof Blur2d ? 1 : 0;
    for (Block child : block.getChildren().values()) {
      count += blurCount(child);
    }
    return count;
  }
}
