package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Run;

/** {@code Stage.EPOCH_END}: once per epoch, after its last step and before evaluation. */
public interface EpochEndHook {
  void onEpochEnd(Run run, int epoch);
}
