package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.NoSuchElementException;

/** The batches of a pass, each gathered from the split when it is asked for (no reading ahead). */
final class GatheringReader implements SplitData.Reader {
  private final SplitData data;
  private final long[] order;
  private final int batchSize;
  private final long end;
  private long next;

  GatheringReader(SplitData data, long[] order, int batchSize, long first, long end) {
    this.data = data;
    this.order = order;
    this.batchSize = batchSize;
    this.next = first;
    this.end = end;
  }

  /** The example indices of batch {@code batch} of a pass over {@code order}. */
  static long[] batchIndices(long[] order, int batchSize, long batch) {
    long from = batch * batchSize;
    long to = Math.min(from + batchSize, order.length);
    if (from >= to) {
      throw new NoSuchElementException(
          "batch " + batch + " of a pass over " + order.length + " examples");
    }
    return Arrays.copyOfRange(order, (int) from, (int) to);
  }

  @Override
  public SplitData.Batch next(NDManager into) {
    if (next >= end) {
      throw new NoSuchElementException("the pass ends before batch " + next);
    }
    return data.gather(into, batchIndices(order, batchSize, next++));
  }

  @Override
  public void close() {}
}
