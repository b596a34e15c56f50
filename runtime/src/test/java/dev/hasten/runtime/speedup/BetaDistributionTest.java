package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BetaDistributionTest {
  /**
   * Draws per check. With n = 100,000 the standard error of a sample mean is sd/316; every
   * tolerance below is five standard errors (rounded up), so a correct sampler fails with
   * probability below 1e-6 for a random seed, and the seed is fixed anyway, while the typical bugs
   * (a wrong shape, a missing boost) move the statistic by tens of standard errors.
   */
  private static final int DRAWS = 100_000;

  private static double[] draw(BetaDistribution distribution, long seed) {
    Random random = new Random(seed);
    double[] samples = new double[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      samples[i] = distribution.sample(random);
    }
    return samples;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double variance(double[] values) {
    double m = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - m) * (v - m);
    }
    return sum / values.length;
  }

  @Test
  void sampleMeanOfBetaTwoFiveIsTwoSevenths() {
    // mean a/(a+b) = 2/7 = 0.285714; var = ab/((a+b)²(a+b+1)) = 10/(49·8) = 0.025510,
    // sd 0.1597, standard error 0.1597/316 = 0.000505, five of them 0.0025.
    double[] samples = draw(new BetaDistribution(2, 5), 1);
    assertEquals(2.0 / 7.0, mean(samples), 0.0026);
  }

  @Test
  void sampleMeanOfBetaHalfThreeIsOneSeventhThroughTheBoost() {
    // α = 0.5 < 1 goes through the boost. mean 0.5/3.5 = 0.142857; var = 1.5/(12.25·4.5)
    // = 0.027211, sd 0.1650, standard error 0.000522, five of them 0.0026. Without the boost
    // (shape 1.5) the mean would be 1.5/4.5 = 0.333, far outside.
    double[] samples = draw(new BetaDistribution(0.5, 3), 2);
    assertEquals(1.0 / 7.0, mean(samples), 0.0027);
  }

  @Test
  void symmetricBetaOfMixUpsDefaultHasMeanHalfAndItsVariance() {
    // α = β = 0.2 (MixUp's default): mean 0.5; var = 0.04/(0.16·1.4) = 0.178571, sd 0.4226,
    // standard error of the mean 0.001336, five of them 0.0067. A symmetric sampler has mean
    // 0.5 whatever its shape, so the variance pins the shape: (x − μ)² lies in [0, 0.25], so its
    // sd is at most 0.125 and the standard error of the sample variance at most 0.000395; five
    // of them 0.002. Shape 1.2 (boost forgotten) would give 1.44/(5.76·3.4) = 0.0735.
    double[] samples = draw(BetaDistribution.symmetric(0.2), 3);
    assertEquals(0.5, mean(samples), 0.007);
    assertEquals(0.04 / (0.16 * 1.4), variance(samples), 0.002);
  }

  @Test
  void samplesLieInTheUnitIntervalEvenForTinyAlpha() {
    // α = 0.01 makes both Gamma draws underflow as plain doubles; the log-space ratio must not
    // turn that into NaN.
    Random random = new Random(4);
    BetaDistribution distribution = BetaDistribution.symmetric(0.01);
    for (int i = 0; i < 10_000; i++) {
      double x = distribution.sample(random);
      assertTrue(x >= 0 && x <= 1, "sample " + x + " outside [0, 1]");
    }
  }

  @Test
  void sameSeedGivesTheSameDraws() {
    BetaDistribution distribution = BetaDistribution.symmetric(1.0);
    assertEquals(distribution.sample(new Random(7)), distribution.sample(new Random(7)));
  }

  @Test
  void nonPositiveShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BetaDistribution(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new BetaDistribution(1, -2));
    assertThrows(IllegalArgumentException.class, () -> new BetaDistribution(Double.NaN, 1));
  }
}
