package dev.hasten.runtime.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.loop.CrossEntropy;

/**
 * The running sums of an evaluation, one home for what a run's evaluation, {@code hasten evaluate}
 * on images and on text all compute: the predictions whose most likely class is the label, and the
 * summed cross-entropy {@code −log softmax(logits)[label]}. An image is one prediction, a window of
 * text one per position. The sums stay on the model's device in int64 and float32 and are read once
 * at the end, so the same weights on the same examples give the same figures on every path, to the
 * last digit.
 */
public final class PredictionTally {
  private final NDArray correct;
  private final NDArray lossTotal;
  private long predictions;

  /** Empty sums, in {@code manager} (which must outlive the tally). */
  public PredictionTally(NDManager manager) {
    this.correct = manager.zeros(new Shape(), DataType.INT64);
    this.lossTotal = manager.zeros(new Shape(), DataType.FLOAT32);
  }

  /**
   * Adds a chunk's predictions.
   *
   * @param logits {@code [..., classes]}
   * @param labels class ids of the shape of {@code logits} without its last axis
   */
  public void add(NDArray logits, NDArray labels) {
    correct.addi(logits.argMax(-1).eq(labels).sum());
    lossTotal.addi(CrossEntropy.perLabel(logits, labels).sum());
    predictions += labels.size();
  }

  /** Predictions added. */
  public long predictions() {
    return predictions;
  }

  /** Predictions whose most likely class was the label. */
  public long correct() {
    return correct.getLong();
  }

  /** The mean cross-entropy in nats per prediction; NaN before any was added. */
  public double meanLoss() {
    return predictions == 0 ? Double.NaN : lossTotal.getFloat() / (double) predictions;
  }
}
