package dev.hasten.runtime.export;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;

/**
 * A residual branch under stochastic depth in its evaluation form, and nothing else: the branch's
 * output scaled as {@link StochasticBranch#scaleForEvaluation} scales it, in training and in
 * evaluation alike, with no per-step switch. An exported model holds this in place of a {@link
 * StochasticBranch}; its parameters are the branch's own.
 */
public final class ScaledBranch extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block branch;
  private final double dropRate;

  /**
   * @param branch the residual branch
   * @param dropRate the drop probability it was trained with
   */
  public ScaledBranch(Block branch, double dropRate) {
    super(VERSION);
    this.branch = addChildBlock("branch", branch);
    this.dropRate = dropRate;
  }

  public double dropRate() {
    return dropRate;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList out = branch.forward(parameterStore, inputs, false, params);
    return new NDList(StochasticBranch.scaleForEvaluation(out.singletonOrThrow(), dropRate));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    branch.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return branch.getOutputShapes(inputShapes);
  }
}
