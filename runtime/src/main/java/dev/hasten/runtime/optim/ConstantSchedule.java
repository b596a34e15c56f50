package dev.hasten.runtime.optim;

/** The base learning rate at every step ({@code @ConstantLr}). */
public final class ConstantSchedule implements LrSchedule {
  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    return baseLr;
  }

  @Override
  public String toString() {
    return "constant";
  }
}
