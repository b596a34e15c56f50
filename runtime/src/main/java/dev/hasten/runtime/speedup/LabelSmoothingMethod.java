package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.TargetTransform;

/**
 * {@link LabelSmoothing}: trains against {@code (1 − ε)·targets + ε/K} for {@code K} classes, just
 * before the loss. Applied to whatever targets the step carries, so it smooths a one-hot target and
 * a MixUp/CutMix mix alike, and a smoothed target still sums to 1.
 */
public final class LabelSmoothingMethod implements TargetTransform {
  private final double epsilon;

  /** From the pipeline's annotation. */
  public LabelSmoothingMethod(LabelSmoothing config) {
    this(config.value());
  }

  /**
   * @param epsilon the mass spread evenly over the classes, in [0, 1)
   */
  public LabelSmoothingMethod(double epsilon) {
    if (!(epsilon >= 0 && epsilon < 1)) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
    }
    this.epsilon = epsilon;
  }

  public double epsilon() {
    return epsilon;
  }

  @Override
  public void transformTargets(Step step) {
    step.setTargets(smooth(step.targets(), epsilon));
  }

  /**
   * {@code (1 − ε)·targets + ε/K}, where {@code K} is the size of the last axis: a new array in
   * {@code targets}' manager, made with one allocating and one in-place native call.
   */
  public static NDArray smooth(NDArray targets, double epsilon) {
    long classes = targets.getShape().get(targets.getShape().dimension() - 1);
    return targets.mul(1.0 - epsilon).addi(epsilon / classes);
  }
}
