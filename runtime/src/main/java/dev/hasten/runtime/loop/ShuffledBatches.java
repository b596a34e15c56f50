package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Random;

/**
 * The training batches of an epoch: the epoch's shuffled order of the training examples, and each
 * batch gathered from the resident data on the device in that order.
 *
 * <p>Why it exists: the order is a function of (seed, epoch) alone, drawn on the host with
 * {@link Random}, so a run resumed in the middle of an epoch sees exactly the batches the
 * uninterrupted run would have seen, without saving any generator state.
 */
final class ShuffledBatches {
  /** One batch, gathered into the step's manager. */
  record Batch(NDArray inputs, NDArray labels) {}

  private final NDManager manager;
  private final long seed;
  private final int batchSize;
  /** The current epoch's order of example indices, on the device; null before the first. */
  private NDArray epochOrder;

  ShuffledBatches(NDManager manager, long seed, int batchSize) {
    this.manager = manager;
    this.seed = seed;
    this.batchSize = batchSize;
  }

  /** Draws epoch {@code epoch}'s order of {@code train}'s examples (a Fisher-Yates shuffle). */
  void shuffle(ResidentData train, int epoch) {
    if (epochOrder != null) {
      epochOrder.close();
    }
    int n = (int) train.size();
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed * 1_000_003L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    epochOrder = manager.create(order);
  }

  /**
   * Gathers batch {@code inEpoch} (from 0) of the current epoch from {@code train} into
   * {@code into}; the last batch of the data may be short.
   */
  Batch gather(ResidentData train, long inEpoch, NDManager into) {
    long from = inEpoch * batchSize;
    long to = Math.min(from + batchSize, train.size());
    NDArray indices = epochOrder.get(into, new NDIndex(from + ":" + to));
    NDArray inputs = train.images().get(into, new NDIndex("{}", indices));
    NDArray labels = train.labels().get(into, new NDIndex("{}", indices));
    return new Batch(inputs, labels);
  }
}
