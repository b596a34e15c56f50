package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * {@code relu(branch(x) + shortcut(x))}: the residual block of He et al. (2016), as a named class
 * rather than a {@code ParallelBlock} with an anonymous join, so that the trait check and speedups
 * that act on residual blocks (stochastic depth) find it and its two parts.
 */
public final class ResidualBlock extends AbstractBlock implements TraitedBlock {
  private static final byte VERSION = 1;

  private final Block branch;
  private final Block shortcut;

  /**
   * @param branch the residual branch; its output must have the shortcut's shape
   * @param shortcut the identity ({@link Blocks#identityBlock()}) or a projection
   */
  public ResidualBlock(Block branch, Block shortcut) {
    super(VERSION);
    this.branch = addChildBlock("branch", branch);
    this.shortcut = addChildBlock("shortcut", shortcut);
  }

  /**
   * The basic block: two 3×3 convolutions with BatchNorm, ReLU between them. The shortcut is the
   * identity when the shape is kept, else a strided 1×1 convolution with BatchNorm.
   *
   * @param inChannels channels of the input
   * @param outChannels channels of the output
   * @param stride 1, or 2 to halve height and width
   */
  public static ResidualBlock basic(int inChannels, int outChannels, int stride) {
    Block branch =
        new SequentialBlock()
            .add(Layers.conv(3, outChannels, stride))
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock())
            .add(Layers.conv(3, outChannels, 1))
            .add(BatchNorm.builder().build());
    Block shortcut =
        stride == 1 && inChannels == outChannels
            ? Blocks.identityBlock()
            : new SequentialBlock()
                .add(Layers.conv(1, outChannels, stride))
                .add(BatchNorm.builder().build());
    return new ResidualBlock(branch, shortcut);
  }

  /** The residual branch, {@code F} in {@code relu(F(x) + x)}. */
  public Block branch() {
    return branch;
  }

  /** The shortcut: the identity or a projection. */
  public Block shortcut() {
    return shortcut;
  }

  @Override
  public Set<Trait> traits() {
    return Set.of(Trait.RESIDUAL);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray residual = branch.forward(parameterStore, inputs, training, params).singletonOrThrow();
    NDArray skip = shortcut.forward(parameterStore, inputs, training, params).singletonOrThrow();
    return new NDList(Activation.relu(residual.add(skip)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return branch.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    branch.initialize(manager, dataType, inputShapes);
    shortcut.initialize(manager, dataType, inputShapes);
  }
}
