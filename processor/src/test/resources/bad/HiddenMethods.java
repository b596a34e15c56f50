package test;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

public final class HiddenMethods {
  private HiddenMethods() {}

  private static final class Method implements BatchTransform {
    Method() {}

    @Override
    public void transformBatch(Step step) {}
  }
}
