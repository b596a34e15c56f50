package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixingTest {
  @Test
  void permutationHoldsEveryIndexOnce() {
    long[] perm = Mixing.permutation(new Random(1), 50);
    long[] sorted = perm.clone();
    Arrays.sort(sorted);
    long[] expected = new long[50];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, sorted);
  }

  @Test
  void allSixPermutationsOfThreeAreEquallyLikely() {
    // 60,000 draws: each of the 3! = 6 orders should come 10,000 times, with binomial sd
    // sqrt(60000·(1/6)·(5/6)) = 91; the tolerance is five of them. Sattolo's slip (j < i instead
    // of j ≤ i) makes only the 2 cyclic orders, each 30,000 times.
    Random random = new Random(2);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 60_000; i++) {
      counts.merge(Arrays.toString(Mixing.permutation(random, 3)), 1, Integer::sum);
    }
    assertEquals(6, counts.size(), counts.toString());
    for (int count : counts.values()) {
      assertEquals(10_000, count, 456, counts.toString());
    }
  }
}
