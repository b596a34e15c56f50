package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Step;

/** {@code Stage.AFTER_STEP}: sees the weights after each update. */
public interface AfterStepHook {
  void afterStep(Step step);
}
