package dev.hasten.runtime.doctor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.SplitData;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.StepObserver;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The doctor's {@link StepObserver}: times every {@link Part} of each step after a warm-up, counts
 * the NDArrays a step makes and the NDArrays alive, and reads the run's own training clock at the
 * edges so that the parts can be checked against it.
 *
 * <p>On a GPU each boundary first waits for the device ({@link DeviceSync}): kernels run
 * asynchronously, and without the wait their time would land in whichever later part reads a value
 * back. On the CPU PyTorch's operations return when done, so no wait is needed. The profiler's own
 * work at a boundary (counting arrays, the wait's bookkeeping) is timed as {@link Part#DOCTOR}, so
 * it is neither hidden in another part nor missing from the sum.
 */
final class StageProfiler implements StepObserver {
  /** Work the doctor does once, off the training clock, after an evaluation. */
  interface AfterEvaluation {
    void run(Run run);
  }

  private final int warmupSteps;
  private final AfterEvaluation afterFirstProfiledEvaluation;
  private final Map<Part, Long> nanos = new EnumMap<>(Part.class);

  private Part current;
  private long partStartedAt;
  private long stepsSeen;
  private long profiledSteps;
  private boolean afterEvaluationDone;
  private Boolean sync;
  private SplitData.Residency dataPath;

  private double clockAtStart = Double.NaN;
  private double clockAtEnd = Double.NaN;
  private long evaluations;
  private long evaluationNanos;
  private long stepArrays;
  private long aliveFirst = -1;
  private long aliveLast = -1;
  private long aliveBytesLast;

  StageProfiler(int warmupSteps, AfterEvaluation afterFirstProfiledEvaluation) {
    this.warmupSteps = warmupSteps;
    this.afterFirstProfiledEvaluation = afterFirstProfiledEvaluation;
  }

  @Override
  public void at(Boundary boundary, Run run, Step step) {
    if (sync == null) {
      sync = run.device().isGpu();
    }
    if (dataPath == null) {
      dataPath = run.trainData().residency();
    }
    if (sync) {
      DeviceSync.await(run.manager());
    }
    long now = System.nanoTime();
    if (current != null) {
      account(current, now - partStartedAt);
    }
    if (boundary == Boundary.STEP_START) {
      stepsSeen++;
      if (stepsSeen > warmupSteps) {
        profiledSteps++;
      }
    }
    boolean profiling = profiledSteps > 0;
    if (profiling) {
      count(boundary, run, step);
    }
    if (boundary == Boundary.EVAL_END && profiling && !afterEvaluationDone) {
      // The training clock is stopped here (evaluate stopped it; the next step restarts it).
      afterEvaluationDone = true;
      afterFirstProfiledEvaluation.run(run);
    }
    current = Part.startingAt(boundary);
    long after = System.nanoTime();
    if (profiling && boundary != Boundary.EVAL_START && boundary != Boundary.EVAL_END) {
      nanos.merge(Part.DOCTOR, after - now, Long::sum);
    }
    if (profiling) {
      if (Double.isNaN(clockAtStart)) {
        clockAtStart = run.trainSeconds();
      }
      clockAtEnd = run.trainSeconds();
    }
    partStartedAt = System.nanoTime();
  }

  private void account(Part part, long elapsed) {
    if (part == Part.EVALUATION) {
      evaluations++;
      evaluationNanos += elapsed;
    } else if (profiledSteps > 0 && part.onClock()) {
      nanos.merge(part, elapsed, Long::sum);
    }
  }

  private void count(Boundary boundary, Run run, Step step) {
    if (boundary == Boundary.END_STEP_START && step != null) {
      // What the step's manager holds as the step ends: the arrays data, BATCH, forward and loss
      // made through DJL and did not free early. Each is one allocating native call or more.
      stepArrays += step.manager().getManagedArrays().size();
    } else if (boundary == Boundary.STEP_END) {
      NDManager root = run.manager().getParentManager();
      List<NDArray> alive = (root != null ? root : run.manager()).getManagedArrays();
      if (aliveFirst < 0) {
        aliveFirst = alive.size();
      }
      aliveLast = alive.size();
      long bytes = 0;
      for (NDArray a : alive) {
        bytes += a.getShape().size() * a.getDataType().getNumOfBytes();
      }
      aliveBytesLast = bytes;
    }
  }

  /**
   * Where the run's training split lived: resident, or streamed (the data part is then the wait for
   * the reader).
   */
  SplitData.Residency dataPath() {
    return dataPath == null ? SplitData.Residency.RESIDENT : dataPath;
  }

  /** Steps timed (after the warm-up). */
  long profiledSteps() {
    return profiledSteps;
  }

  /** Total nanoseconds of {@code part} over the profiled steps. */
  long nanos(Part part) {
    return nanos.getOrDefault(part, 0L);
  }

  /** The sum of every on-clock part over the profiled steps, in seconds. */
  double attributedSeconds() {
    return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
  }

  /** The run's own training clock over the profiled steps, in seconds. */
  double measuredSeconds() {
    return Double.isNaN(clockAtStart) ? 0 : clockAtEnd - clockAtStart;
  }

  long evaluations() {
    return evaluations;
  }

  long evaluationNanos() {
    return evaluationNanos;
  }

  /** Arrays held by the step's manager at its end, summed over the profiled steps. */
  long stepArrays() {
    return stepArrays;
  }

  long aliveFirst() {
    return aliveFirst;
  }

  long aliveLast() {
    return aliveLast;
  }

  long aliveBytesLast() {
    return aliveBytesLast;
  }
}
