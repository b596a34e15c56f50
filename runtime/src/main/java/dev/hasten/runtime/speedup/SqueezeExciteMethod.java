package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import dev.hasten.dsl.speedup.SqueezeExcite;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;
import dev.hasten.runtime.speedup.surgery.SqueezeExciteConv2d;

/**
 * {@link SqueezeExcite} (as Composer's {@code apply_squeeze_excite}): every {@link Conv2d} with at
 * least {@code minChannels} input and output channels ({@code min(in, out) ≥ minChannels},
 * Composer's rule) is followed by a {@link SqueezeExcite2d} gate, right after the convolution,
 * before any BatchNorm, as Composer places it.
 *
 * <p>Before initialisation every convolution becomes a {@link SqueezeExciteConv2d}, which learns
 * its input channels at initialisation and adds its gate only then; so, once the run has started,
 * {@code FIT_START} checks that something is gated and stops the run otherwise, rather than
 * training an unchanged model (as BlurPool does for its blurs).
 */
public final class SqueezeExciteMethod implements ModelSurgery, FitStartHook {
  private final double latentChannels;
  private final int minChannels;

  /** From the pipeline's annotation. */
  public SqueezeExciteMethod(SqueezeExcite config) {
    this(config.latentChannels(), config.minChannels());
  }

  /**
   * @param latentChannels the bottleneck: a fraction of the channels below 1, a count from 1 on
   * @param minChannels the input and output channels from which a convolution gets a gate, at least
   *     1
   */
  public SqueezeExciteMethod(double latentChannels, int minChannels) {
    if (!(latentChannels > 0)) {
      throw new IllegalArgumentException(
          "SqueezeExcite latentChannels must be > 0, got " + latentChannels);
    }
    if (minChannels < 1) {
      throw new IllegalArgumentException(
          "SqueezeExcite minChannels must be >= 1, got " + minChannels);
    }
    this.latentChannels = latentChannels;
    this.minChannels = minChannels;
  }

  /**
   * @throws InvalidInputException if the model has no convolution: the model would train unchanged
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    return BlockRewriter.replaceEvery(
        model,
        "@SqueezeExcite",
        block -> block instanceof Conv2d,
        block -> SqueezeExciteConv2d.of((Conv2d) block, latentChannels, minChannels),
        "@SqueezeExcite found no Conv2d in the model to gate; remove @SqueezeExcite");
  }

  /**
   * Stops the run if no convolution of the initialised model is gated: none has {@code minChannels}
   * channels both in and out.
   */
  @Override
  public void onFitStart(Run run) {
    if (gateCount(run.model()) == 0) {
      throw new InvalidInputException(
          "@SqueezeExcite found no convolution with at least "
              + minChannels
              + " input and output channels to gate; lower minChannels or remove @SqueezeExcite");
    }
  }

  /** The gates in an initialised model. */
  public static int gateCount(Block block) {
    int count =
        block instanceof SqueezeExciteConv2d && ((SqueezeExciteConv2d) block).isGating() ? 1 : 0;
    for (Block child : block.getChildren().values()) {
      count += gateCount(child);
    }
    return count;
  }
}
