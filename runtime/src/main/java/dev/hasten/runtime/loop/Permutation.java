package dev.hasten.runtime.loop;

import java.util.Random;

/**
 * The one shuffle of the runtime: a Fisher-Yates permutation of {@code 0 … n−1} drawn from a given
 * {@link Random}. The epoch order, SWA's BatchNorm re-estimation batches, data pruning's warm-up
 * and the mixing speedups all draw theirs here, so that equal seeds give equal orders everywhere
 * and a resumed run repeats them.
 */
public final class Permutation {
  private Permutation() {}

  /** A permutation of {@code 0 … n−1}: {@code for i = n−1 … 1: swap(i, random.nextInt(i + 1))}. */
  public static long[] of(Random random, int n) {
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
