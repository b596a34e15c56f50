package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hasten.dsl.Trait;
import java.util.Set;

/**
 * Multi-head causal self-attention, as in GPT-2: one Linear makes queries, keys and values for all
 * heads, each head attends with {@code softmax(q·kᵀ/√d + M)·v} where the mask {@code M} is −∞ above
 * the diagonal (a position sees itself and the positions before it, never a later one), and a
 * second Linear projects the joined heads back to the width. Maps {@code [batch, T, width]} to the
 * same shape. Trait: ATTENTION.
 */
public final class CausalSelfAttention extends AbstractBlock implements TraitedBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear queryKeyValue;
  private final Linear projection;

  CausalSelfAttention(int width, int heads) {
    super(VERSION);
    if (width % heads != 0) {
      throw new IllegalArgumentException(width + " does not split into " + heads + " heads");
    }
    this.width = width;
    this.heads = heads;
    queryKeyValue = addChildBlock("queryKeyValue", Linear.builder().setUnits(3L * width).build());
    projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
  }

  /** The Linear that writes the attention's result into the residual stream. */
  Linear projection() {
    return projection;
  }

  public int heads() {
    return heads;
  }

  @Override
  public Set<Trait> traits() {
    return Set.of(Trait.ATTENTION);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    long headWidth = width / heads;
    NDList qkv = queryKeyValue.forward(store, inputs, training).singletonOrThrow().split(3, 2);
    // [batch, T, width] → [batch, heads, T, headWidth]
    NDArray q = qkv.get(0).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray k = qkv.get(1).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray v = qkv.get(2).reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(1 / Math.sqrt(headWidth));
    NDArray weights = scores.addi(causalMask(x.getManager(), length, x.getDataType())).softmax(-1);
    NDArray joined = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, width);
    return projection.forward(store, new NDList(joined), training);
  }

  /** {@code [T, T]}: 0 on and below the diagonal, −∞ above it. */
  static NDArray causalMask(NDManager manager, long length, DataType type) {
    NDArray row = manager.arange(length).reshape(length, 1);
    NDArray column = manager.arange(length).reshape(1, length);
    NDArray later = column.gt(row);
    return NDArrays.where(
        later,
        manager.full(new Shape(length, length), Float.NEGATIVE_INFINITY, type),
        manager.zeros(new Shape(length, length), type));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    queryKeyValue.initialize(manager, dataType, inputShapes[0]);
    projection.initialize(manager, dataType, inputShapes[0]);
  }
}
