package com.example.fashion;

import dev.hasten.runtime.optim.LrSchedule;

/** {@code lr(s) = base · (1 − s / totalSteps)^power}: the peak at step 0, zero after the last. */
public final class PolySchedule implements LrSchedule {
  private final double power;

  public PolySchedule(PolyLr values) {
    this.power = values.power();
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    return baseLr * Math.pow(1 - (double) step / totalSteps, power);
  }

  @Override
  public String toString() {
    return "poly(power=" + power + ")";
  }
}
