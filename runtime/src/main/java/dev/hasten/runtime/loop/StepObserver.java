package dev.hasten.runtime.loop;

/**
 * Sees a run cross the boundaries the generated loop already has, so that a profiler (the {@code
 * hasten doctor}) can time each part of a step without changing the generated code. A run has none
 * unless one is bound in Guice; then each boundary costs one null check.
 *
 * <p>The boundaries come in step order. Between two of them runs either the run's own work or the
 * speedups of one stage: between {@link Boundary#BATCH_READY} and {@link Boundary#FORWARD_START}
 * the BATCH speedups, between {@link Boundary#FORWARD_END} and {@link Boundary#LOSS_START} the LOSS
 * ones, between {@link Boundary#BACKWARD_END} and {@link Boundary#OPTIMIZER_START} the GRADIENTS
 * ones, between {@link Boundary#OPTIMIZER_END} and {@link Boundary#END_STEP_START} the AFTER_STEP
 * ones.
 */
public interface StepObserver {
  /** A point in the loop. */
  enum Boundary {
    /** A step is asked for; its batch is about to be gathered. */
    STEP_START,
    /** The batch is on the device; the BATCH speedups come next. */
    BATCH_READY,
    FORWARD_START,
    FORWARD_END,
    LOSS_START,
    LOSS_END,
    BACKWARD_START,
    BACKWARD_END,
    /** The optimizer update starts (after the GRADIENTS speedups). */
    OPTIMIZER_START,
    OPTIMIZER_END,
    /** The run's end of step starts (after the AFTER_STEP speedups). */
    END_STEP_START,
    /** The training loss is read back to the host (every few steps): a sync with the device. */
    HOST_READ_START,
    HOST_READ_END,
    /** The step's arrays are freed; the step is over. */
    STEP_END,
    /** Evaluation starts; the training clock stops. */
    EVAL_START,
    EVAL_END
  }

  /**
   * Called at each boundary, on the training thread.
   *
   * @param boundary where the run is
   * @param run the run
   * @param step the current step, or null at {@link Boundary#STEP_START} and in evaluation
   */
  void at(Boundary boundary, Run run, Step step);
}
