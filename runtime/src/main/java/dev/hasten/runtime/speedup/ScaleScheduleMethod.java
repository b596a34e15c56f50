package dev.hasten.runtime.speedup;

import dev.hasten.dsl.speedup.ScaleSchedule;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.stage.FitStartHook;

/**
 * {@link ScaleSchedule}: scales the run's length by {@code ratio} before the first step, through
 * {@link Run#scaleDuration(double)}. Everything that is a fraction of the run (the learning-rate
 * schedule, resizing, averaging windows) follows, since each reads its progress from the run.
 */
public final class ScaleScheduleMethod implements FitStartHook {
  private final double ratio;

  /** From the pipeline's annotation. */
  public ScaleScheduleMethod(ScaleSchedule config) {
    this(config.ratio());
  }

  /**
   * @param ratio the run's new length as a fraction of the pipeline's, above 0
   */
  public ScaleScheduleMethod(double ratio) {
    if (!(ratio > 0)) {
      throw new IllegalArgumentException("schedule ratio must be above 0, got " + ratio);
    }
    this.ratio = ratio;
  }

  public double ratio() {
    return ratio;
  }

  @Override
  public void onFitStart(Run run) {
    run.scaleDuration(ratio);
  }
}
