package test;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

public class NoUsableConstructorMethod implements BatchTransform {
  private final int size;

  public NoUsableConstructorMethod(int size) {
    this.size = size;
  }

  @Override
  public void transformBatch(Step step) {
    step.setInputs(step.inputs().get(":" + size));
  }
}
