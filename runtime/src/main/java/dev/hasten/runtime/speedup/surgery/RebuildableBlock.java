package dev.hasten.runtime.speedup.surgery;

import ai.djl.nn.Block;
import java.util.List;

/**
 * A block a model surgery put into the tree that can be rebuilt around new children, so that a
 * later surgery can rewrite inside it (a squeeze-excite gate after the convolution of a blurred
 * one, say). {@link BlockRewriter} calls it; only before initialisation.
 */
public interface RebuildableBlock extends Block {
  /**
   * The same block around {@code children}, given in {@link #getChildren()} order, each the
   * original child or its replacement.
   */
  Block withChildren(List<Block> children);
}
