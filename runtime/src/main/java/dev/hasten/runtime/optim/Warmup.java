package dev.hasten.runtime.optim;

/**
 * The linear warm-up that the cosine and linear schedules share: from 0 at step 0 up to the base
 * rate over the first {@code warmupFraction} of the run, then a decay over the rest.
 */
final class Warmup {
  private Warmup() {}

  static void checkFraction(double warmupFraction) {
    if (!(warmupFraction >= 0 && warmupFraction < 1)) {
      throw new IllegalArgumentException("warmupFraction must be in [0, 1), got " + warmupFraction);
    }
  }

  /** Warm-up steps, a real number so that the shape does not depend on rounding. */
  static double steps(double warmupFraction, long totalSteps) {
    return warmupFraction * totalSteps;
  }

  /** The warm-up factor in [0, 1) at {@code step} before {@code warmupSteps}. */
  static double rise(long step, double warmupSteps) {
    return step / warmupSteps;
  }

  /** How far into the decay {@code step} is: 0 at its first step, 1 at {@code totalSteps}. */
  static double decayProgress(long step, double warmupSteps, long totalSteps) {
    return (step - warmupSteps) / (totalSteps - warmupSteps);
  }
}
