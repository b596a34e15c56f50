package dev.hasten.samples.slow;

import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;

/** The runtime half of {@link SlowBatch}: a sleep, as slow data loading would be. */
public final class SlowBatchMethod implements BatchTransform {
  private final int millis;

  public SlowBatchMethod(SlowBatch config) {
    this.millis = config.millis();
  }

  @Override
  public void transformBatch(Step step) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
