package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * The training batches of an epoch: the epoch's shuffled order of the training examples, and a
 * reader of the split ({@link SplitData#read}) that gathers the batches in that order, on the
 * device for a resident split, read ahead in the background for a streamed one.
 *
 * <p>Why it exists: the order is a function of (seed, epoch) alone, drawn on the host with {@link
 * Random}, so a run resumed in the middle of an epoch sees exactly the batches the uninterrupted
 * run would have seen, without saving any generator state; its reader starts at the step the run
 * resumes at.
 */
final class ShuffledBatches implements TrainingBatches {
  private final long seed;
  private final int batchSize;

  /** The current epoch's reader; null before the first epoch and after {@link #close}. */
  private SplitData.Reader reader;

  ShuffledBatches(long seed, int batchSize) {
    this.seed = seed;
    this.batchSize = batchSize;
  }

  /** Epoch {@code epoch}'s order of {@code examples} examples (a Fisher-Yates shuffle). */
  long[] order(long examples, int epoch) {
    return Permutation.of(new Random(seed * 1_000_003L + epoch), Math.toIntExact(examples));
  }

  /**
   * Starts epoch {@code epoch} of {@code train} at its batch {@code first} (from 0; later than 0 in
   * a resumed run), reading up to batch {@code end} (exclusive); ends the previous epoch's reader.
   */
  @Override
  public void startEpoch(SplitData train, int epoch, long first, long end) {
    close();
    reader = train.read(order(train.size(), epoch), batchSize, first, Math.max(first, end));
  }

  /**
   * The epoch's next batch, gathered into {@code into}; the last batch of the data may be short.
   * The reader already stands at step {@code step}'s place in the order.
   */
  @Override
  public SplitData.Batch next(long step, NDManager into) {
    return reader.next(into);
  }

  /** Stops the current epoch's reader, if any. */
  @Override
  public void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
