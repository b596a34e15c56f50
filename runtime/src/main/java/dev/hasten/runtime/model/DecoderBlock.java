package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm transformer block, as in GPT-2: {@code x + attention(norm(x))}, then {@code x +
 * feedForward(norm(x))}. Each LayerNorm normalises the width (the last axis) of each position. Maps
 * {@code [batch, T, width]} to the same shape.
 */
public final class DecoderBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final LayerNorm attentionNorm;
  private final CausalSelfAttention attention;
  private final LayerNorm feedForwardNorm;
  private final FeedForward feedForward;

  DecoderBlock(int width, int heads) {
    super(VERSION);
    attentionNorm = addChildBlock("attentionNorm", widthNorm());
    attention = addChildBlock("attention", new CausalSelfAttention(width, heads));
    feedForwardNorm = addChildBlock("feedForwardNorm", widthNorm());
    feedForward = addChildBlock("feedForward", new FeedForward(width));
  }

  /** A LayerNorm over the last axis of {@code [batch, T, width]}, ε = 1e-5 as PyTorch's. */
  static LayerNorm widthNorm() {
    return LayerNorm.builder().axis(2).build();
  }

  CausalSelfAttention attention() {
    return attention;
  }

  FeedForward feedForward() {
    return feedForward;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList normed = attentionNorm.forward(store, inputs, training);
    x = x.add(attention.forward(store, normed, training).singletonOrThrow());
    normed = feedForwardNorm.forward(store, new NDList(x), training);
    return new NDList(x.add(feedForward.forward(store, normed, training).singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (ai.djl.nn.Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes[0]);
    }
  }
}
