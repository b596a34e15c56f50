package test;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

/** Package-private, with a package-private constructor: the generated code beside it reaches it. */
class NudgeMethod implements BatchTransform {
  private final double amount;

  NudgeMethod(Nudge config) {
    this.amount = config.amount();
  }

  @Override
  public void transformBatch(Step step) {
    step.setInputs(step.inputs().add(amount));
  }
}
