package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import dev.hasten.dsl.speedup.GhostBatchNorm;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.GhostBatchNormBlock;

/**
 * {@link GhostBatchNorm} (as Composer's {@code apply_ghost_batchnorm}): before initialisation,
 * every DJL {@link BatchNorm} becomes a {@link GhostBatchNormBlock} around it. Subclasses of
 * BatchNorm (DJL's own {@code GhostBatchNorm}, say) are left as they are.
 */
public final class GhostBatchNormMethod implements ModelSurgery {
  private final int ghostBatchSize;

  /** From the pipeline's annotation. */
  public GhostBatchNormMethod(GhostBatchNorm config) {
    this(config.ghostBatchSize());
  }

  /**
   * @param ghostBatchSize examples per sub-batch, at least 2
   */
  public GhostBatchNormMethod(int ghostBatchSize) {
    if (ghostBatchSize < 2) {
      throw new IllegalArgumentException(
          "GhostBatchNorm ghostBatchSize must be >= 2, got " + ghostBatchSize);
    }
    this.ghostBatchSize = ghostBatchSize;
  }

  public int ghostBatchSize() {
    return ghostBatchSize;
  }

  /**
   * @throws InvalidInputException if the model has no BatchNorm to rewrite
   */
  @Override
  public Block apply(Block model, RunSpec spec) {
    return BlockRewriter.replaceEvery(
        model,
        "@GhostBatchNorm",
        block -> block.getClass() == BatchNorm.class,
        block -> new GhostBatchNormBlock((BatchNorm) block, ghostBatchSize),
        "@GhostBatchNorm found no BatchNorm layer to rewrite; remove it or add BatchNorm");
  }
}
