package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Step;

/** {@code Stage.LOSS}: changes a step's (soft) targets just before the loss is computed. */
public interface TargetTransform {
  void transformTargets(Step step);
}
