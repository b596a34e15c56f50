package dev.hasten.runtime.speedup;

import dev.hasten.dsl.AnnealStrategy;
import dev.hasten.runtime.optim.LrSchedule;

/**
 * {@code @Swa}'s own learning rate: the pipeline's schedule up to the window's first step, then a
 * move from the pipeline's rate at that step, {@code lr₀}, to the SWA rate over {@code annealSteps}
 * updates of the average, then a rate held to the end of the run (the SWA rate, or where the
 * window's last update left the move if the window ends first). After {@code k} updates (the first
 * is the window's first step) the rate is {@code swaLr·α + lr₀·(1 − α)} with {@code α =
 * anneal(min(1, k / annealSteps))}: PyTorch's {@code SWALR}, stepped after each update as Composer
 * steps it, so the window's first step still trains at {@code lr₀}.
 *
 * <p>A pure function of the step, like every schedule, so a resumed run needs no state: the updates
 * before a step are counted from the window and {@code updateEverySteps}, the way {@link SwaMethod}
 * takes them in (the window's first step, then steps whose index is a multiple).
 *
 * <p>Where it differs from Composer: Composer, with {@code schedule_swa_lr}, replaces the {@code
 * swa_lr} it is given by the scheduler's last rate, so it anneals to where it already is; this
 * anneals to {@code swaLr} as given. Composer's own schedulers keep stepping beside {@code SWALR},
 * each setting the rate in turn; here the SWA rate replaces the pipeline's schedule from the window
 * on, and after the window, where Composer's {@code SWALR} stops, the rate holds where the window
 * left it. Composer counts its update interval from the window's first step, {@link SwaMethod} by
 * the step's index, and this counts as {@link SwaMethod} takes them in.
 */
final class SwaLearningRate implements LrSchedule {
  private final LrSchedule pipeline;
  private final double start;
  private final double end;
  private final int updateEverySteps;
  private final double swaLr;
  private final int annealSteps;
  private final AnnealStrategy strategy;

  /**
   * @param pipeline the pipeline's schedule, in charge before the window
   * @param start fraction of the run done when the window opens, in [0, 1)
   * @param end fraction of the run done when it closes, in (start, 1]
   * @param updateEverySteps the average's update interval, at least 1
   * @param swaLr the rate annealed to, above 0
   * @param annealSteps updates over which the rate moves, at least 1
   * @param strategy the shape of the move
   */
  SwaLearningRate(
      LrSchedule pipeline,
      double start,
      double end,
      int updateEverySteps,
      double swaLr,
      int annealSteps,
      AnnealStrategy strategy) {
    if (!(swaLr > 0)) {
      throw new IllegalArgumentException("the SWA learning rate must be above 0, got " + swaLr);
    }
    if (annealSteps < 1) {
      throw new IllegalArgumentException("SWA annealSteps must be at least 1, got " + annealSteps);
    }
    this.pipeline = pipeline;
    this.start = start;
    this.end = end;
    this.updateEverySteps = updateEverySteps;
    this.swaLr = swaLr;
    this.annealSteps = annealSteps;
    this.strategy = strategy;
  }

  @Override
  public double learningRate(double baseLr, long step, long totalSteps) {
    long first = firstStepAtOrAfter(start, totalSteps);
    long pastWindow = firstStepAtOrAfter(end, totalSteps);
    if (first >= pastWindow || step <= first) {
      return pipeline.learningRate(baseLr, step, totalSteps);
    }
    long lastTaken = Math.min(step - 1, pastWindow - 1);
    long updates =
        1 + Math.floorDiv(lastTaken, updateEverySteps) - Math.floorDiv(first, updateEverySteps);
    double alpha = anneal(Math.min(1.0, updates / (double) annealSteps));
    double startLr = pipeline.learningRate(baseLr, first, totalSteps);
    return swaLr * alpha + startLr * (1 - alpha);
  }

  /** The share of the SWA rate after a fraction {@code t} of the anneal steps. */
  double anneal(double t) {
    return strategy == AnnealStrategy.LINEAR ? t : (1 - Math.cos(Math.PI * t)) / 2;
  }

  /**
   * The first step {@code i} whose progress {@code i / totalSteps} (as the loop computes it) is at
   * least {@code fraction}; {@code totalSteps} when none is.
   */
  static long firstStepAtOrAfter(double fraction, long totalSteps) {
    long i = Math.max(0, (long) Math.ceil(fraction * totalSteps) - 1);
    while (i < totalSteps && (double) i / totalSteps < fraction) {
      i++;
    }
    return i;
  }

  @Override
  public String toString() {
    return "SWA rate " + swaLr + " after " + pipeline;
  }
}
