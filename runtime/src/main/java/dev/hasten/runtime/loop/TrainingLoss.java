package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The training loss since it was last read: summed on the device step by step, read back to the
 * host once per {@link #LOG_EVERY} steps (and at each epoch's end), and checked to be finite
 * whenever it is read.
 *
 * <p>Why it exists: reading a loss back makes the loop wait for the device, so it is done rarely;
 * the sum in between is saved by checkpoints, and a divergence must be reported with the steps it
 * happened between ({@link TrainingDivergedException}) and never saved as a good checkpoint.
 */
final class TrainingLoss {
  /** Steps between two training lines in metrics.jsonl (and two host reads of the loss). */
  static final int LOG_EVERY = 50;

  private final NDManager manager;
  private NDArray sum;
  private int count;

  /** The last step by which the training loss was read back finite: a divergence came after it. */
  private long lastFiniteStep;

  TrainingLoss(NDManager manager) {
    this.manager = manager;
    this.sum = manager.zeros(new Shape(), DataType.FLOAT32);
  }

  /** Adds a step's loss to the sum, on the device. */
  void add(NDArray loss) {
    sum.addi(loss);
    count++;
  }

  /** Whether the loss is read back (and logged) after step {@code step} (counted from 1). */
  static boolean readDue(long step, boolean endsEpoch) {
    return step % LOG_EVERY == 0 || endsEpoch;
  }

  /**
   * Reads the mean loss since the last read back to the host, after {@code step} steps, and starts
   * a new sum.
   *
   * @throws TrainingDivergedException if the mean is not finite
   */
  double readMean(long step) {
    double meanLoss = sum.getFloat() / count;
    if (!Double.isFinite(meanLoss)) {
      throw new TrainingDivergedException(lastFiniteStep + 1, step, meanLoss);
    }
    lastFiniteStep = step;
    sum.close();
    sum = manager.zeros(new Shape(), DataType.FLOAT32);
    count = 0;
    return meanLoss;
  }

  /**
   * Checks that the loss not yet read is finite before a checkpoint of step {@code step} records
   * it, so that the last checkpoint stays a good one.
   *
   * @throws TrainingDivergedException if it is not finite
   */
  void requireFinite(long step) {
    double pendingLoss = count == 0 ? 0 : sum.getFloat() / count;
    if (!Double.isFinite(pendingLoss)) {
      throw new TrainingDivergedException(lastFiniteStep + 1, step, pendingLoss);
    }
    lastFiniteStep = step;
  }

  /** Continues a resumed run's sum of {@code count} losses, read finite up to {@code step}. */
  void resumeFrom(int count, NDArray sum, long step) {
    this.count = count;
    this.sum.close();
    this.sum = sum;
    this.lastFiniteStep = step;
  }

  /** The losses in the sum (what a checkpoint saves). */
  int count() {
    return count;
  }

  /** The sum on the device (what a checkpoint saves); do not close. */
  NDArray sum() {
    return sum;
  }
}
