package dev.hasten.runtime.text;

import ai.djl.ndarray.NDArray;

/**
 * The language-model objective: the mean cross-entropy, in nats, of the next token over every
 * position of every window, {@code −mean log softmax(logits)[label]}. Dividing by ln 2 gives bits
 * per token (per byte, at the byte level).
 */
public final class NextTokenLoss {
  private NextTokenLoss() {}

  /**
   * @param logits {@code [batch, T, vocabulary]}
   * @param labels int64 {@code [batch, T]}, each in [0, vocabulary)
   * @return a scalar
   */
  public static NDArray of(NDArray logits, NDArray labels) {
    long vocabulary = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray logProbabilities = logits.reshape(-1, vocabulary).logSoftmax(-1);
    return logProbabilities.gather(labels.reshape(-1, 1), 1).mean().neg();
  }
}
