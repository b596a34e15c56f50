package dev.hasten.runtime.loop;

import dev.hasten.runtime.RunResult;

/** A generated training loop for one pipeline ({@code FooTrainer}). */
public interface PipelineTrainer {
  /** Trains the pipeline end to end and reports the result. */
  RunResult fit();
}
