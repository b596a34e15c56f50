package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Run;

/** {@code Stage.FIT_START}: once per run, before the first step. */
public interface FitStartHook {
  void onFitStart(Run run);
}
