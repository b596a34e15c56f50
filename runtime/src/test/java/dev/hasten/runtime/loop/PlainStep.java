package dev.hasten.runtime.loop;

import ai.djl.training.GradientCollector;

/** The step of a generated loop without speedups, for tests that drive a {@link Run} by hand. */
public final class PlainStep {
  private PlainStep() {}

  /** Forward, loss, backward and the optimizer's update; the caller ends the step. */
  public static void train(Run run, Step step) {
    try (GradientCollector gradients = run.newGradientCollector()) {
      run.forward(step);
      run.computeLoss(step);
      gradients.backward(step.loss());
    }
    run.optimizerStep(step);
  }
}
