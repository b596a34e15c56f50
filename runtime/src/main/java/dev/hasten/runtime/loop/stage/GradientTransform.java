package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Step;

/** {@code Stage.GRADIENTS}: changes the gradients after backward, before the update. */
public interface GradientTransform {
  void transformGradients(Step step);
}
