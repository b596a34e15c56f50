package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The loss every path trains and evaluates with, written once: {@code −Σ_k t_k · log softmax(z)_k}
 * over the last axis. Training takes it against soft targets, exact for one-hot and soft targets
 * alike (label smoothing, mixing); evaluation and the language-model benchmarks against class
 * labels, {@code −log softmax(z)[label]}, the same number read at the label instead of summed
 * against a one-hot row, so no {@code [..., classes]} array of targets is made (with a large
 * vocabulary, the size of the logits again). An image is one prediction, a window of text one per
 * position.
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

  /**
   * The loss of each prediction against its class label, {@code [predictions, 1]}.
   *
   * @param logits {@code [..., classes]}
   * @param labels class ids of the shape of {@code logits} without its last axis
   */
  public static NDArray perLabel(NDArray logits, NDArray labels) {
    long classes = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray logProbabilities = logits.reshape(-1, classes).logSoftmax(-1);
    return logProbabilities.gather(labels.toType(DataType.INT64, false).reshape(-1, 1), 1).neg();
  }

  /** The mean of {@link #perLabel} over every prediction. A scalar. */
  public static NDArray meanOfLabels(NDArray logits, NDArray labels) {
    return perLabel(logits, labels).mean();
  }
}
