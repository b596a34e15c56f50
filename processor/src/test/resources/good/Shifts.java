package test;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

final class Shifts {
  private Shifts() {}

  /** Static, package-private, in a package-private class: reachable from package test. */
  static final class Method implements BatchTransform {
    @Override
    public void transformBatch(Step step) {
      step.setInputs(step.inputs().add(1));
    }
  }
}
