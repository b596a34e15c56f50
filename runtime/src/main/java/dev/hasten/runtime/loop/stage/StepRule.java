package dev.hasten.runtime.loop.stage;

import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;

/**
 * {@code Stage.STEP}: replaces the plain optimizer update for a step. An implementation may
 * recompute gradients (a second forward and backward) before calling {@link
 * Run#optimizerStep(Step)} itself.
 */
public interface StepRule {
  void step(Run run, Step step);
}
