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
 */
public final class TokenEmbedding extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int vocabulary;
  private final int context;
  private final int width;
  private final Parameter tokens;
  private final Parameter positions;

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

  /** The longest sequence it embeds. */
  public int context() {
    return context;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    long length = ids.getShape().get(1);
    if (length > context) {
      throw new IllegalArgumentException(
          "a sequence of " + length + " tokens is longer than the context of " + context);
    }
    NDArray tokenMatrix = store.getValue(tokens, ids.getDevice(), training);
    NDArray positionMatrix = store.getValue(positions, ids.getDevice(), training);
    NDArray embedded =
        ids.getNDArrayInternal().embedding(ids, tokenMatrix, SparseFormat.DENSE).singletonOrThrow();
    return new NDList(embedded.add(positionMatrix.get(new NDIndex(":{}", length))));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(width)};
  }

  @Override
  public String toString() {
    return String.format(
        "TokenEmbedding(%d tokens, %d positions, width %d)", vocabulary, context, width);
  }
}
