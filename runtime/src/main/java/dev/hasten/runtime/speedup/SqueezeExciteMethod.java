package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import dev.hasten.dsl.speedup.SqueezeExcite;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.SqueezeExcite2d;

/**
 * {@link SqueezeExcite} (as Composer's {@code apply_squeeze_excite}): before initialisation, every
 * {@link Conv2d} with at least {@code minChannels} filters becomes that convolution followed by a
 * {@link SqueezeExcite2d} gate, in a {@code SequentialBlock}. The gate comes right after the
 * convolution, before any BatchNorm, as Composer places it.
 */
public final class SqueezeExciteMethod implements ModelSurgery {
  private final double latentChannels;
  private final int minChannels;

  /** From the pipeline's annotation. */
  public SqueezeExciteMethod(SqueezeExcite config) {
    this(config.latentChannels(), config.minChannels());
  }

  /**
   * @param latentChannels the bottleneck: a fraction of the channels below 1, a count from 1 on
   * @param minChannels the filters from which a convolution gets a gate, at least 1
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
   * @throws InvalidInputException if no convolution has {@code minChannels} filters: the model
   *     would train unchanged
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    int[] gated = {0};
    Block rewritten =
        BlockRewriter.rewrite(
            model,
            "@SqueezeExcite",
            block -> {
              if (!(block instanceof Conv2d) || ((Conv2d) block).getFilters() < minChannels) {
                return block;
              }
              gated[0]++;
              int channels = ((Conv2d) block).getFilters();
              return new SequentialBlock()
                  .add(block)
                  .add(
                      new SqueezeExcite2d(
                          channels, SqueezeExcite2d.latentSize(latentChannels, channels)));
            });
    if (gated[0] == 0) {
      throw new InvalidInputException(
          "@SqueezeExcite found no convolution with at least "
              + minChannels
              + " output channels to gate; lower minChannels or remove @SqueezeExcite");
    }
    return rewritten;
  }
}
