package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.hasten.runtime.loop.Permutation;
import java.util.Random;

/**
 * What MixUp and CutMix share: a random pairing of the examples of a batch (a permutation) and the
 * convex mix of an array with its permuted self.
 */
final class Mixing {
  private Mixing() {}

  /**
   * A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates), uploaded as an int64 array
   * into {@code manager}: one host-to-device copy.
   */
  static NDArray randomPermutation(NDManager manager, Random random, int n) {
    return manager.create(permutation(random, n));
  }

  /** A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates). */
  static long[] permutation(Random random, int n) {
    return Permutation.of(random, n);
  }

  /** {@code a[perm]} along the first (batch) axis; a new array in {@code a}'s manager. */
  static NDArray permute(NDArray a, NDArray perm) {
    return a.get(new NDIndex("{}", perm));
  }

  /**
   * {@code λ·a + (1 − λ)·a[perm]} along the first axis: a new array in {@code a}'s manager, made
   * with four tensor operations (gather, scale, scale in place, add in place).
   */
  static NDArray mix(NDArray a, double lambda, NDArray perm) {
    NDArray mixed = permute(a, perm).muli(1.0 - lambda);
    return mixed.addi(a.mul(lambda));
  }
}
