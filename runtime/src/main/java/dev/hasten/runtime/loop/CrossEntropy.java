package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;

/**
 * The loss every path trains and evaluates with, written once: {@code −Σ_k t_k · log softmax(z)_k}
 * over the last axis, exact for one-hot and soft targets (label smoothing, mixing). An image is one
 * prediction, a window of text one per position.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * The loss of each prediction: the shape of {@code logits} without its last axis.
   *
   * @param logits {@code [..., classes]}
   * @param targets probabilities of the shape of {@code logits}
   */
  public static NDArray perPrediction(NDArray logits, NDArray targets) {
    return logits.logSoftmax(-1).mul(targets).sum(new int[] {-1}).neg();
  }

  /**
   * The mean over every prediction: over the batch, and for a language model ({@code [B, T, V]})
   * over every position of every window. A scalar.
   */
  public static NDArray mean(NDArray logits, NDArray targets) {
    // The mean is taken before the sign is flipped, as it always was: the same bits either way.
    return logits.logSoftmax(-1).mul(targets).sum(new int[] {-1}).mean().neg();
  }
}
