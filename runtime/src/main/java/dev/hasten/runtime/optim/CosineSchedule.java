package dev.hasten.runtime.optim;

import dev.hasten.dsl.CosineLr;

/**
 * Linear warm-up from 0 over {@code warmupFraction} of the run, then cosine decay from the base
 * rate to 0 at the end of the run ({@code @CosineLr}, Composer's CosineAnnealingWithWarmupScheduler
 * with {@code alpha_f = 0}):
 *
 * <pre>
 *   W = warmupFraction · totalSteps
 *   lr(s) = base · s / W                                   for s &lt; W
 *   lr(s) = base · ½ (1 + cos(π · (s − W) / (totalSteps − W)))   after
 * </pre>
 *
 * The rate would reach 0 at step {@code totalSteps}; the last step ({@code totalSteps − 1}) gets a
 * small positive rate.
 */
public final class CosineSchedule implements LrSchedule {
  private final double warmupFraction;

  /**
   * @param warmupFraction in [0, 1); 0 starts the decay at the base rate on step 0
   */
  public CosineSchedule(double warmupFraction) {
    Warmup.checkFraction(warmupFraction);
    this.warmupFraction = warmupFraction;
  }

  /** The schedule {@code @CosineLr} declares: the generated module creates it with a pipeline's. */
  public CosineSchedule(CosineLr cosineLr) {
    this(cosineLr.warmupFraction());
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    double warmupSteps = Warmup.steps(warmupFraction, totalSteps);
    if (step < warmupSteps) {
      return baseLr * Warmup.rise(step, warmupSteps);
    }
    double progress = Warmup.decayProgress(step, warmupSteps, totalSteps);
    return baseLr * 0.5 * (1 + Math.cos(Math.PI * progress));
  }

  @Override
  public String toString() {
    return "cosine(warmup=" + warmupFraction + ")";
  }
}
