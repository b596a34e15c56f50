package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * One pre-LayerNorm transformer block, as in GPT-2: {@code x + attention(norm(x))}, then {@code x +
 * feedForward(norm(x))}. Each LayerNorm normalises the width (the last axis) of each position. Maps
 * {@code [batch, T, width]} to the same shape.
 *
 * <p>Its four parts are blocks of any kind that keep the shape, so that model surgery can rebuild
 * it around replacements ({@link #withChildren}): a gated feed-forward, a layer norm in lower
 * precision.
 */
public final class DecoderBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final Block attentionNorm;
  private final Block attention;
  private final Block feedForwardNorm;
  private final Block feedForward;

  /**
   * @param attentionNorm the norm before the attention
   * @param attention the attention, e.g. a {@link CausalSelfAttention}
   * @param feedForwardNorm the norm before the feed-forward
   * @param feedForward the feed-forward, e.g. a {@link FeedForward}
   */
  public DecoderBlock(
      Block attentionNorm, Block attention, Block feedForwardNorm, Block feedForward) {
    super(VERSION);
    this.attentionNorm = addChildBlock("attentionNorm", attentionNorm);
    this.attention = addChildBlock("attention", attention);
    this.feedForwardNorm = addChildBlock("feedForwardNorm", feedForwardNorm);
    this.feedForward = addChildBlock("feedForward", feedForward);
  }

  /** GPT-2's block of {@code width} with {@code heads} heads. */
  static DecoderBlock gpt(int width, int heads) {
    return new DecoderBlock(
        widthNorm(), new CausalSelfAttention(width, heads), widthNorm(), new FeedForward(width));
  }

  /** A LayerNorm over the last axis of {@code [batch, T, width]}, ε = 1e-5 as PyTorch's. */
  static LayerNorm widthNorm() {
    return LayerNorm.builder().axis(2).build();
  }

  /**
   * The same block around {@code children}, given in {@link #getChildren()} order (attention norm,
   * attention, feed-forward norm, feed-forward), each the original part or its replacement. Before
   * initialisation only.
   */
  public DecoderBlock withChildren(List<Block> children) {
    return new DecoderBlock(children.get(0), children.get(1), children.get(2), children.get(3));
  }

  public Block attention() {
    return attention;
  }

  public Block feedForward() {
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
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes[0]);
    }
  }
}
