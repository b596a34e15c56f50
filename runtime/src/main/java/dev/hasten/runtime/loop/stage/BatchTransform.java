package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Step;

/**
 * {@code Stage.BATCH}: changes a step's inputs and targets on the device before the forward pass.
 */
public interface BatchTransform {
  void transformBatch(Step step);
}
