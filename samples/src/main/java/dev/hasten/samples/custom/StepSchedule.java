package dev.hasten.samples.custom;

import dev.hasten.runtime.optim.LrSchedule;

/**
 * {@code lr(s) = base · factor^⌊s / E⌋} with {@code E = max(1, round(everyFraction · totalSteps))}
 * steps between drops: PyTorch's {@code StepLR(step_size = E, gamma = factor)}, stepped per batch.
 */
public final class StepSchedule implements LrSchedule {
  private final double everyFraction;
  private final double factor;

  public StepSchedule(StepLr values) {
    this.everyFraction = values.everyFraction();
    this.factor = values.factor();
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    long every = Math.max(1, Math.round(everyFraction * totalSteps));
    return baseLr * Math.pow(factor, step / every);
  }

  @Override
  public String toString() {
    return "step(every=" + everyFraction + ", factor=" + factor + ")";
  }
}
