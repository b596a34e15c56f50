package dev.hasten.runtime.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler's draws on logits set by hand. */
class TokenSamplerTest {
  /** Logits ln(1), ln(2), ln(3), ln(4): a softmax at temperature 1 gives 0.1, 0.2, 0.3, 0.4. */
  static final float[] ONE_TO_FOUR = {
    (float) Math.log(1), (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)
  };

  static final int DRAWS = 100_000;

  private static double[] frequencies(TokenSampler sampler, float[] logits) {
    double[] counts = new double[logits.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[sampler.next(logits)]++;
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] /= DRAWS;
    }
    return counts;
  }

  @Test
  void greedyPicksTheArgmaxAtTemperatureZeroAndAtTopOne() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      float[] logits = new float[256];
      int argmax = 0;
      for (int i = 0; i < logits.length; i++) {
        logits[i] = (float) random.nextGaussian();
        if (logits[i] > logits[argmax]) {
          argmax = i;
        }
      }
      assertEquals(argmax, new TokenSampler(0, 40, trial).next(logits));
      assertEquals(argmax, new TokenSampler(0.8, 1, trial).next(logits));
    }
    // A tie goes to the lower id.
    assertEquals(1, new TokenSampler(0, 0, 1).next(new float[] {0f, 2f, 2f}));
  }

  @Test
  void atTemperatureOneTheDrawsFollowTheSoftmax() {
    // Each frequency is a mean of 100,000 Bernoulli draws: its standard deviation is at most
    // sqrt(0.4 · 0.6 / 100,000) = 0.0015, so 0.01 is more than six of them.
    double[] f = frequencies(new TokenSampler(1, 0, 42), ONE_TO_FOUR);
    assertEquals(0.1, f[0], 0.01);
    assertEquals(0.2, f[1], 0.01);
    assertEquals(0.3, f[2], 0.01);
    assertEquals(0.4, f[3], 0.01);
  }

  @Test
  void halfTheTemperatureSquaresTheOdds() {
    // exp(ln(i) / 0.5) = i²: weights 1, 4, 9, 16 of 30.
    double[] f = frequencies(new TokenSampler(0.5, 0, 42), ONE_TO_FOUR);
    assertEquals(1 / 30.0, f[0], 0.01);
    assertEquals(4 / 30.0, f[1], 0.01);
    assertEquals(9 / 30.0, f[2], 0.01);
    assertEquals(16 / 30.0, f[3], 0.01);
  }

  @Test
  void topKRenormalisesOverTheKMostLikelyAndNeverDrawsOutsideThem() {
    // Top 2 of 1, 2, 3, 4 are tokens 3 and 2, weights 4 and 3: 4/7 and 3/7.
    double[] f = frequencies(new TokenSampler(1, 2, 42), ONE_TO_FOUR);
    assertEquals(0.0, f[0], 0.0);
    assertEquals(0.0, f[1], 0.0);
    assertEquals(3 / 7.0, f[2], 0.01);
    assertEquals(4 / 7.0, f[3], 0.01);

    // A hot temperature flattens 256 logits, yet only the 3 largest (ids 200, 17, 90) come out.
    float[] logits = new float[256];
    logits[200] = 3f;
    logits[17] = 2.9f;
    logits[90] = 2.8f;
    logits[5] = 2.7f;
    double[] hot = frequencies(new TokenSampler(50, 3, 7), logits);
    for (int i = 0; i < hot.length; i++) {
      if (i == 200 || i == 17 || i == 90) {
        assertTrue(hot[i] > 0.3, "token " + i + " drawn " + hot[i]);
      } else {
        assertEquals(0.0, hot[i], 0.0, "token " + i);
      }
    }
  }

  @Test
  void theSameSeedDrawsTheSameTokensAndAnotherSeedOthers() {
    TokenSampler a = new TokenSampler(1, 0, 9);
    TokenSampler b = new TokenSampler(1, 0, 9);
    TokenSampler c = new TokenSampler(1, 0, 10);
    StringBuilder fromA = new StringBuilder();
    StringBuilder fromB = new StringBuilder();
    StringBuilder fromC = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      fromA.append(a.next(ONE_TO_FOUR));
      fromB.append(b.next(ONE_TO_FOUR));
      fromC.append(c.next(ONE_TO_FOUR));
    }
    assertEquals(fromA.toString(), fromB.toString());
    assertNotEquals(fromA.toString(), fromC.toString());
  }

  @Test
  void badSettingsAndBadLogitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler(-0.1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler(Double.NaN, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new TokenSampler(1, -1, 1));
    TokenSampler s = new TokenSampler(1, 0, 1);
    assertThrows(IllegalStateException.class, () -> s.next(new float[] {0f, Float.NaN}));
    assertThrows(
        IllegalStateException.class,
        () -> s.next(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}));
    // A token at −∞ is never drawn, however hot.
    double[] f =
        frequencies(new TokenSampler(100, 0, 1), new float[] {0f, Float.NEGATIVE_INFINITY, 0f});
    assertEquals(0.0, f[1], 0.0);
  }
}
