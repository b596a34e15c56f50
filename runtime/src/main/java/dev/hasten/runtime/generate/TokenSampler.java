package dev.hasten.runtime.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws each next token from a model's logits: a softmax at a temperature over the {@code k} most
 * likely tokens, with a generator seeded once, so the same seed and the same logits give the same
 * tokens. A temperature of 0, or {@code k = 1}, is greedy: the most likely token, always.
 *
 * <p>As nanoGPT's {@code sample.py} (logits divided by the temperature, all but the top {@code k}
 * set to −∞, then a softmax and one draw), with two deliberate differences: exactly {@code k}
 * tokens stay when several tie at the {@code k}-th logit (the lower ids win, where nanoGPT keeps
 * every tied token), and the draw is one uniform number walked along the cumulative probabilities
 * in double precision, in order of likelihood, so it does not depend on a tensor library's
 * multinomial.
 */
public final class TokenSampler {
  private final double temperature;
  private final int topK;
  private final SplittableRandom random;

  /**
   * @param temperature 0 for greedy, else above 0: below 1 sharpens the distribution, above 1
   *     flattens it
   * @param topK how many of the most likely tokens may be drawn; 0 for all of them
   * @param seed the generator's seed
   * @throws IllegalArgumentException if the temperature is negative or not finite, or {@code topK}
   *     is negative
   */
  public TokenSampler(double temperature, int topK, long seed) {
    if (!(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("the temperature must be 0 or above, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be 0 (all tokens) or above, got " + topK);
    }
    this.temperature = temperature;
    this.topK = topK;
    this.random = new SplittableRandom(seed);
  }

  /** Whether every draw is the most likely token. */
  public boolean isGreedy() {
    return temperature == 0 || topK == 1;
  }

  /**
   * The next token, an index of {@code logits}.
   *
   * @throws IllegalStateException if a logit is NaN or every logit is −∞
   */
  public int next(float[] logits) {
    Integer[] byLikelihood = candidates(logits);
    if (isGreedy()) {
      return byLikelihood[0];
    }
    int k = topK == 0 ? logits.length : Math.min(topK, logits.length);
    double best = logits[byLikelihood[0]];
    double[] weights = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      // exp((l − max) / T): the softmax's numerator, shifted so that the largest is 1.
      weights[i] = Math.exp((logits[byLikelihood[i]] - best) / temperature);
      sum += weights[i];
    }
    double u = random.nextDouble() * sum;
    double cumulative = 0;
    for (int i = 0; i < k; i++) {
      cumulative += weights[i];
      if (u < cumulative) {
        return byLikelihood[i];
      }
    }
    // Rounding can leave u a hair above the last sum: the last candidate with any weight.
    for (int i = k - 1; i > 0; i--) {
      if (weights[i] > 0) {
        return byLikelihood[i];
      }
    }
    return byLikelihood[0];
  }

  /** Token ids, most likely first, ties by id; checked to hold a number and a finite maximum. */
  private static Integer[] candidates(float[] logits) {
    if (logits.length == 0) {
      throw new IllegalStateException("the model gave no logits");
    }
    for (int i = 0; i < logits.length; i++) {
      if (Float.isNaN(logits[i])) {
        throw new IllegalStateException("the model's logit of token " + i + " is NaN");
      }
    }
    Integer[] ids = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
    Arrays.sort(
        ids,
        Comparator.comparingDouble((Integer i) -> -logits[i]).thenComparingInt(Integer::intValue));
    if (logits[ids[0]] == Float.NEGATIVE_INFINITY) {
      throw new IllegalStateException("every logit of the model is -infinity");
    }
    return ids;
  }
}
