package dev.hasten.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The output projection of a model with tied embeddings: logits {@code h·Eᵀ}, where {@code E} is
 * the {@link TokenEmbedding}'s token matrix. It holds no parameter of its own, so the matrix is one
 * parameter, saved once and updated by the gradients of both of its uses (Press and Wolf 2017, as
 * GPT-2 and nanoGPT do). Maps {@code [batch, T, width]} to {@code [batch, T, vocabulary]}.
 */
public final class TiedLogits extends AbstractBlock implements BorrowingBlock {
  private static final byte VERSION = 1;

  private final TokenEmbedding embedding;

  TiedLogits(TokenEmbedding embedding) {
    super(VERSION);
    this.embedding = embedding;
  }

  /** The token matrix, which the embedding owns. */
  @Override
  public List<Parameter> borrowedParameters() {
    return List.of(embedding.tokens());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden = inputs.singletonOrThrow();
    NDArray tokenMatrix = store.getValue(embedding.tokens(), hidden.getDevice(), training);
    // linear(h, E) is h·Eᵀ without a transposed copy of E: an op on the matrix would make that
    // copy in the weights' long-lived manager, one more array kept for every forward pass.
    return hidden.getNDArrayInternal().linear(hidden, tokenMatrix, null);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape hidden = inputShapes[0];
    return new Shape[] {
      hidden.slice(0, hidden.dimension() - 1).add(embedding.tokens().getArray().getShape().get(0))
    };
  }
}
