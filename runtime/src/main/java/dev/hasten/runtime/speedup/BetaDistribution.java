package dev.hasten.runtime.speedup;

import java.util.Random;

/**
 * The Beta(α, β) distribution, sampled from a caller's {@link Random} so that draws are as
 * reproducible as the random source (the loop hands out one per step and purpose).
 *
 * <p>Beta(α, β) = X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β). Gamma variates come from Marsaglia
 * and Tsang's squeeze method (ACM TOMS 26(3), 2000), valid for shape ≥ 1; a shape below 1 uses
 * their boost, Gamma(a) = Gamma(a + 1) · U^(1/a). MixUp's default α = 0.2 makes U^(1/α) = U^5 tiny
 * often enough that X and Y may both underflow to 0, so the ratio is formed from their logarithms,
 * where nothing underflows.
 */
public final class BetaDistribution {
  private final double alpha;
  private final double beta;

  /**
   * @param alpha the first shape, > 0
   * @param beta the second shape, > 0
   */
  public BetaDistribution(double alpha, double beta) {
    if (!(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException(
          "Beta shapes must be > 0, got alpha=" + alpha + ", beta=" + beta);
    }
    this.alpha = alpha;
    this.beta = beta;
  }

  /** The symmetric Beta(α, α) that MixUp and CutMix draw their mixing fraction from. */
  public static BetaDistribution symmetric(double alpha) {
    return new BetaDistribution(alpha, alpha);
  }

  public double alpha() {
    return alpha;
  }

  public double beta() {
    return beta;
  }

  /** The mean α / (α + β). */
  public double mean() {
    return alpha / (alpha + beta);
  }

  /** One draw in [0, 1]. */
  public double sample(Random random) {
    double logX = logGamma(alpha, random);
    double logY = logGamma(beta, random);
    // X / (X + Y) = 1 / (1 + Y/X); exp overflows to infinity, which gives 0 as it should.
    return 1.0 / (1.0 + Math.exp(logY - logX));
  }

  /** The logarithm of one Gamma(shape, 1) draw. */
  private static double logGamma(double shape, Random random) {
    if (shape >= 1) {
      return Math.log(marsagliaTsang(shape, random));
    }
    // Boost: if G ~ Gamma(a + 1) and U ~ Uniform(0, 1), then G · U^(1/a) ~ Gamma(a).
    double u = 1.0 - random.nextDouble(); // in (0, 1], so its log is finite
    return Math.log(marsagliaTsang(shape + 1, random)) + Math.log(u) / shape;
  }

  /** One Gamma(shape, 1) draw for shape ≥ 1. */
  private static double marsagliaTsang(double shape, Random random) {
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      double x2 = x * x;
      // The cheap squeeze accepts about 98% of draws; the exact test handles the rest.
      if (u < 1.0 - 0.0331 * x2 * x2) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
