package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A transformer's input: each token's embedding plus a learned embedding of its position. Maps
 * int64 tokens {@code [batch, T]} to {@code [batch, T, width]}, for {@code T} up to the context
 * length. Its token matrix is also the output projection of a model with tied embeddings ({@link
 * TiedLogits}).
 *
 * <p>{@link #dropPositions()} makes it a token embedding only, for attention that knows distances
 * itself (ALiBi): no position table, and then no limit on the length.
 */
public final class TokenEmbedding extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int vocabulary;
  private final int context;
  private final int width;
  private final Parameter tokens;
  private Parameter positions;

  TokenEmbedding(int vocabulary, int context, int width) {
    super(VERSION);
    this.vocabulary = vocabulary;
    this.context = context;
    this.width = width;
    tokens =
        addParameter(
            Parameter.builder()
                .setName("tokens")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, width))
                .build());
    positions =
        addParameter(
            Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(context, width))
                .build());
  }

  /** The {@code [vocabulary, width]} token matrix. */
  Parameter tokens() {
    return tokens;
  }

  /** The longest sequence it embeds while it has a position table. */
  public int context() {
    return context;
  }

  /** Whether a learned position embedding is added to each token's. */
  public boolean hasPositions() {
    return positions != null;
  }

  /**
   * Removes the position table, parameter and all, so that only the token embedding remains and
   * sequences of any length are embedded. Before initialisation only: an initialised table is part
   * of what the optimizer and checkpoints already hold.
   *
   * @throws IllegalStateException once the block is initialised
   */
  public void dropPositions() {
    if (isInitialized()) {
      throw new IllegalStateException("the position table is initialised; drop it before");
    }
    if (positions == null) {
      return;
    }
    parameters.remove(positions.getName());
    positions = null;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    long length = ids.getShape().get(1);
    if (positions != null && length > context) {
      throw new IllegalArgumentException(
          "a sequence of " + length + " tokens is longer than the context of " + context);
    }
    NDArray tokenMatrix = store.getValue(tokens, ids.getDevice(), training);
    NDArray embedded =
        ids.getNDArrayInternal().embedding(ids, tokenMatrix, SparseFormat.DENSE).singletonOrThrow();
    if (positions == null) {
      return new NDList(embedded);
    }
    NDArray positionMatrix = store.getValue(positions, ids.getDevice(), training);
    // The slice is made in the table's manager, which lives as long as the weights: it belongs to
    // this forward pass, and is freed with its input.
    NDArray firstPositions = positionMatrix.get(new NDIndex(":{}", length));
    firstPositions.attach(ids.getManager());
    return new NDList(embedded.add(firstPositions));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(width)};
  }

  @Override
  public String toString() {
    return positions == null
        ? String.format("TokenEmbedding(%d tokens, no positions, width %d)", vocabulary, width)
        : String.format(
            "TokenEmbedding(%d tokens, %d positions, width %d)", vocabulary, context, width);
  }
}
