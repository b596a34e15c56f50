package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.DecoupledWeightDecay;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.FitStartHook;
import dev.hasten.runtime.loop.stage.GradientTransform;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.util.List;

/**
 * {@link DecoupledWeightDecay}: {@code w ← (1 − lr_t·wd)·w} for every parameter the optimizer is
 * about to update, after backward and before the update, so that the gradient was taken at the
 * undecayed weights and the decay never enters momentum or Adam's moments: PyTorch's AdamW order.
 *
 * <p>{@code lr_t} is the rate the optimizer uses at this step: the pipeline's schedule applied to
 * the optimizer's base rate at the step's index, over the run's total steps (read from the run each
 * step, so a scaled schedule is followed). The generated module passes the pipeline's own schedule
 * and optimizer to the constructor.
 *
 * <p>Interplay: with {@code @Sam}, Sam's second gradient is taken at the decayed weights, an {@code
 * O(lr·wd)} relative difference from Composer, which decays inside the optimizer step; with
 * {@code @MixedPrecision}, a step skipped for overflowing gradients is still decayed.
 */
public final class DecoupledWeightDecayMethod implements FitStartHook, GradientTransform {
  private final double weightDecay;
  private final double baseLearningRate;
  private final LrSchedule schedule;
  private Run run;

  /** From the pipeline's annotation, optimizer and schedule. */
  public DecoupledWeightDecayMethod(
      DecoupledWeightDecay config, ParameterUpdater optimizer, LrSchedule schedule) {
    this(config.weightDecay(), optimizer.baseLearningRate(), schedule);
  }

  /**
   * @param weightDecay {@code wd} ≥ 0
   * @param baseLearningRate the optimizer's base rate, which {@code schedule} scales
   * @param schedule the run's learning-rate schedule
   */
  public DecoupledWeightDecayMethod(
      double weightDecay, double baseLearningRate, LrSchedule schedule) {
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be at least 0, got " + weightDecay);
    }
    this.weightDecay = weightDecay;
    this.baseLearningRate = baseLearningRate;
    this.schedule = schedule;
  }

  public double weightDecay() {
    return weightDecay;
  }

  @Override
  public void onFitStart(Run run) {
    this.run = run;
  }

  @Override
  public void transformGradients(Step step) {
    if (run == null) {
      throw new IllegalStateException("onFitStart was not called before the first step");
    }
    double lr = schedule.learningRate(baseLearningRate, step.index(), run.totalSteps());
    double factor = 1 - lr * weightDecay;
    if (factor == 1) {
      return;
    }
    try (NDManager scratch = step.manager().newSubManager()) {
      decay(Gradients.of(step, scratch), factor);
    }
  }

  /**
   * {@code w ← (1 − lr·wd)·w}, in place, for each parameter of {@code model} that has a gradient
   * (the optimizer skips the others, and so does this, as PyTorch's AdamW). In a run's step, a
   * parameter the step's forward pass did not read has none either.
   */
  public void decay(Block model, double lr, NDManager parent) {
    double factor = 1 - lr * weightDecay;
    if (factor == 1) {
      return;
    }
    try (NDManager scratch = parent.newSubManager()) {
      decay(Gradients.of(model, scratch), factor);
    }
  }

  private static void decay(List<Gradients.Entry> entries, double factor) {
    for (Gradients.Entry e : entries) {
      e.weight().muli(factor);
    }
  }
}
