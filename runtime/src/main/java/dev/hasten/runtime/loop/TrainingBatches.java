package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;

/**
 * How a run draws the batch of each training step from its training split: images in an epoch's
 * shuffled order ({@link ShuffledBatches}), or windows of text drawn from the seed and the step
 * ({@link RandomWindowBatches}). The split says which ({@link SplitData#batches}), so the loop asks
 * for "the batch of step t" the same way on every task.
 *
 * <p>Either way the batch of a step is a function of the seed, the epoch and the step alone, so a
 * resumed run draws exactly the batches the uninterrupted run would have drawn.
 */
interface TrainingBatches extends AutoCloseable {
  /**
   * Starts epoch {@code epoch} of {@code train} at its batch {@code first} (from 0; later in a
   * resumed run), up to batch {@code end} (exclusive).
   */
  void startEpoch(SplitData train, int epoch, long first, long end);

  /** The batch of global step {@code step} (the epoch's next), gathered into {@code into}. */
  SplitData.Batch next(long step, NDManager into);

  /** Stops reading ahead, if it does. */
  @Override
  void close();
}
