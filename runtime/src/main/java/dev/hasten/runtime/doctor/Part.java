package dev.hasten.runtime.doctor;

import dev.hasten.dsl.Stage;
import dev.hasten.runtime.loop.StepObserver.Boundary;
import java.util.List;

/**
 * The parts a profiled step is split into. Each part is the time from one {@link Boundary} to the
 * next, named by the boundary it starts at, so together the parts cover the whole step.
 */
public enum Part {
  DATA("data: the batch gathered on the device", Group.DATA),
  BATCH_STAGE("BATCH speedups", Group.DATA, Stage.BATCH),
  FORWARD("forward", Group.COMPUTE),
  LOSS_STAGE("LOSS speedups", Group.COMPUTE, Stage.LOSS),
  LOSS("loss", Group.COMPUTE),
  BACKWARD("backward", Group.COMPUTE),
  GRADIENTS_STAGE("GRADIENTS/STEP speedups", Group.UPDATE, Stage.GRADIENTS, Stage.STEP),
  OPTIMIZER("optimizer", Group.UPDATE),
  AFTER_STEP_STAGE("AFTER_STEP speedups", Group.UPDATE, Stage.AFTER_STEP),
  BOOKKEEPING("end of step: loss accounting, freeing the step's arrays", Group.HOST),
  HOST_SYNC("host syncs: the training loss read back", Group.HOST),
  BETWEEN_STEPS(
      "between steps: epoch hooks, EVAL swaps, shuffles",
      Group.HOST,
      Stage.EPOCH_END,
      Stage.EVAL,
      Stage.EPOCH_START),
  DOCTOR("the doctor's own counting and syncs", Group.DOCTOR),
  /** Off the training clock; reported per evaluation, not per step. */
  EVALUATION("evaluation", Group.OFF_CLOCK),
  /** Off the training clock between an evaluation and the next step; not reported. */
  AFTER_EVALUATION("after evaluation, before the next step", Group.OFF_CLOCK);

  /** Which kind of cost a part is, for naming the bottleneck. */
  public enum Group {
    /** Feeding the step: the gather and the BATCH speedups. */
    DATA,
    /** Arithmetic on the batch: forward, loss, backward and the LOSS speedups. */
    COMPUTE,
    /** Per-parameter work: the optimizer and the speedups around it. */
    UPDATE,
    /** The loop's own work on the host. */
    HOST,
    DOCTOR,
    OFF_CLOCK
  }

  private final String description;
  private final Group group;
  private final List<Stage> stages;

  Part(String description, Group group, Stage... stages) {
    this.description = description;
    this.group = group;
    this.stages = List.of(stages);
  }

  public String description() {
    return description;
  }

  public Group group() {
    return group;
  }

  /** The speedup stages whose calls this part times; empty for the run's own work alone. */
  public List<Stage> stages() {
    return stages;
  }

  /** Whether the part runs on the training clock (everything but evaluation). */
  public boolean onClock() {
    return group != Group.OFF_CLOCK;
  }

  /** The part that starts at {@code boundary}. */
  static Part startingAt(Boundary boundary) {
    switch (boundary) {
      case STEP_START:
        return DATA;
      case BATCH_READY:
        return BATCH_STAGE;
      case FORWARD_START:
        return FORWARD;
      case FORWARD_END:
        return LOSS_STAGE;
      case LOSS_START:
      case LOSS_END: // from the loss to the call of backward: the loss's own tail
        return LOSS;
      case BACKWARD_START:
        return BACKWARD;
      case BACKWARD_END: // also a STEP speedup's own work, when one replaces the update
        return GRADIENTS_STAGE;
      case OPTIMIZER_START:
        return OPTIMIZER;
      case OPTIMIZER_END:
        return AFTER_STEP_STAGE;
      case END_STEP_START:
      case HOST_READ_END:
        return BOOKKEEPING;
      case HOST_READ_START:
        return HOST_SYNC;
      case STEP_END:
        return BETWEEN_STEPS;
      case EVAL_START:
        return EVALUATION;
      case EVAL_END:
        return AFTER_EVALUATION;
      default:
        throw new IllegalArgumentException("no part starts at " + boundary);
    }
  }
}
