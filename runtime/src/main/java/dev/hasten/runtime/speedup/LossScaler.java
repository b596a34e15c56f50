package dev.hasten.runtime.speedup;

/**
 * Dynamic loss scaling, with the rule of PyTorch's {@code GradScaler}: gradients computed from a
 * loss multiplied by {@link #scale()} are divided by it before the update; a step whose gradients
 * overflowed (are not finite) is skipped and the scale multiplied by {@code backoffFactor}; after
 * {@code growthInterval} clean steps in a row the scale is multiplied by {@code growthFactor}.
 */
public final class LossScaler {
  private final double growthFactor;
  private final double backoffFactor;
  private final int growthInterval;
  private double scale;
  private int cleanSteps;

  /**
   * @param initialScale the first scale, above 0
   * @param growthFactor above 1
   * @param backoffFactor in (0, 1)
   * @param growthInterval clean steps before growing, at least 1
   */
  public LossScaler(
      double initialScale, double growthFactor, double backoffFactor, int growthInterval) {
    if (!(initialScale > 0)) {
      throw new IllegalArgumentException("loss scale must be above 0, got " + initialScale);
    }
    if (!(growthFactor > 1)) {
      throw new IllegalArgumentException("growth factor must be above 1, got " + growthFactor);
    }
    if (!(backoffFactor > 0 && backoffFactor < 1)) {
      throw new IllegalArgumentException("backoff factor must be in (0, 1), got " + backoffFactor);
    }
    if (growthInterval < 1) {
      throw new IllegalArgumentException(
          "growth interval must be at least 1, got " + growthInterval);
    }
    this.scale = initialScale;
    this.growthFactor = growthFactor;
    this.backoffFactor = backoffFactor;
    this.growthInterval = growthInterval;
  }

  /** The factor the loss's gradient is multiplied by in this step's backward pass. */
  public double scale() {
    return scale;
  }

  /** Clean steps since the last growth or overflow. */
  public int cleanSteps() {
    return cleanSteps;
  }

  /** Accounts one step: whether its gradients overflowed. Returns whether to apply its update. */
  public boolean update(boolean overflowed) {
    if (overflowed) {
      scale *= backoffFactor;
      cleanSteps = 0;
      return false;
    }
    cleanSteps++;
    if (cleanSteps == growthInterval) {
      scale *= growthFactor;
      cleanSteps = 0;
    }
    return true;
  }

  /** Restores a saved state (for resuming). */
  public void restore(double savedScale, int savedCleanSteps) {
    if (!(savedScale > 0) || savedCleanSteps < 0 || savedCleanSteps >= growthInterval) {
      throw new IllegalArgumentException(
          "not a loss-scaler state: scale " + savedScale + ", clean steps " + savedCleanSteps);
    }
    this.scale = savedScale;
    this.cleanSteps = savedCleanSteps;
  }
}
