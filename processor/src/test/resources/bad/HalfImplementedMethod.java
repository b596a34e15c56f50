package test;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

public class HalfImplementedMethod implements BatchTransform {
  @Override
  public void transformBatch(Step step) {}
}
