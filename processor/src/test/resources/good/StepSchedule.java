package test;

import dev.hasten.runtime.optim.LrSchedule;

/** PyTorch's {@code StepLR} over fractions of the run: {@code base · factor^⌊step / (every · total)⌋}. */
public class StepSchedule implements LrSchedule {
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
}
