package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Run;

/** {@code Stage.EPOCH_START}: once per epoch, before its first step. */
public interface EpochStartHook {
  void onEpochStart(Run run, int epoch);
}
