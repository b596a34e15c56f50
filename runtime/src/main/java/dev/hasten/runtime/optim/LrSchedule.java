package dev.hasten.runtime.optim;

/** A learning-rate schedule over the whole run, a pure function of the step. */
public interface LrSchedule {
  /**
   * The learning rate for step {@code step} (from 0) of {@code totalSteps}, given the optimizer's
   * base rate.
   */
  double learningRate(double baseLr, long step, long totalSteps);
}
