package dev.hasten.runtime.optim;

import dev.hasten.dsl.LinearLr;

/**
 * Linear warm-up from 0 over {@code warmupFraction} of the run, then linear decay from the base
 * rate to 0 at the end of the run ({@code @LinearLr}):
 *
 * <pre>
 *   W = warmupFraction · totalSteps
 *   lr(s) = base · s / W                               for s &lt; W
 *   lr(s) = base · (1 − (s − W) / (totalSteps − W))    after
 * </pre>
 */
public final class LinearSchedule implements LrSchedule {
  private final double warmupFraction;

  /**
   * @param warmupFraction in [0, 1); 0 starts the decay at the base rate on step 0
   */
  public LinearSchedule(double warmupFraction) {
    Warmup.checkFraction(warmupFraction);
    this.warmupFraction = warmupFraction;
  }

  /** The schedule {@code @LinearLr} declares: the generated module creates it with a pipeline's. */
  public LinearSchedule(LinearLr linearLr) {
    this(linearLr.warmupFraction());
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    double warmupSteps = Warmup.steps(warmupFraction, totalSteps);
    if (step < warmupSteps) {
      return baseLr * Warmup.rise(step, warmupSteps);
    }
    return baseLr * (1 - Warmup.decayProgress(step, warmupSteps, totalSteps));
  }

  @Override
  public String toString() {
    return "linear(warmup=" + warmupFraction + ")";
  }
}
