package dev.hasten.runtime.loop.stage;

import ai.djl.nn.Block;

/**
 * {@code Stage.EVAL}: swaps other weights (an average, say) into the model for evaluation and the
 * training weights back afterwards. {@code swapOut} must restore exactly what {@code swapIn}
 * replaced.
 */
public interface EvalWeights {
  void swapIn(Block model);

  void swapOut(Block model);
}
