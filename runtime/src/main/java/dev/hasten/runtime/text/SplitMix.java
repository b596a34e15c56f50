package dev.hasten.runtime.text;

/**
 * Steele, Lea and Flood's SplitMix64 finaliser (as in {@code java.util.SplittableRandom}), the one
 * hash behind the corpus split and the training windows. It is a few lines in any language, so
 * another program (the PyTorch anchor, {@code scripts/kjv-anchor.py}) reads the same split and the
 * same windows.
 */
final class SplitMix {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SplitMix() {}

  /** SplitMix64's output for the state {@code x}: the finaliser of {@code x + γ}. */
  static long mix(long x) {
    long z = x + GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A hash of the pair: {@code mix(mix(a) ^ b)}. */
  static long mix(long a, long b) {
    return mix(mix(a) ^ b);
  }

  /** {@code hash mod n}, reading the hash as unsigned. */
  static long below(long hash, long n) {
    return Long.remainderUnsigned(hash, n);
  }
}
