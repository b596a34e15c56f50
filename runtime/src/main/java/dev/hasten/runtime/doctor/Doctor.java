package dev.hasten.runtime.doctor;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.StepObserver;
import dev.hasten.runtime.report.Json;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * {@code hasten doctor}: profiles real steps of a pipeline's generated loop and says what bounds
 * them. It trains the pipeline for {@code warmup + steps} steps (the run's schedule stays that of
 * the whole run, as {@code --max-steps} keeps it), times the steps after the warm-up at the
 * boundaries the loop already has, measures fixed costs off the training clock after the run's
 * evaluation, and writes {@code doctor.json} next to the run's own files.
 *
 * <p>A profiled run is a normal run plus an observer: what it trains is what {@code train} would.
 * Speedups whose work depends on the run's progress (progressive resizing) are profiled as they are
 * at its start.
 */
public final class Doctor {
  private Doctor() {}

  /**
   * @param options the run's options (data, device, threads, output folder); max steps and the
   *     progress bar are set here
   * @param catalog the speedup annotation types to draw suggestions from
   */
  public static DoctorReport examine(
      Class<?> pipeline,
      RunOptions options,
      int steps,
      int warmupSteps,
      List<Class<? extends Annotation>> catalog)
      throws IOException {
    if (steps < 1) {
      throw new InvalidInputException("--steps must be at least 1, got " + steps);
    }
    if (warmupSteps < 0) {
      throw new InvalidInputException("--warmup must be at least 0, got " + warmupSteps);
    }
    // The run's first training line loads the JSON writer's classes: hundreds of milliseconds
    // that would otherwise land in a profiled step's host sync.
    Map<String, Object> warmUp = Json.object();
    warmUp.put("event", "warm-up");
    warmUp.put("step", 1L);
    warmUp.put("epoch", 1);
    warmUp.put("time_s", 1.0);
    Json.line(warmUp);
    CostProbe probe = new CostProbe();
    RunSpec[] spec = new RunSpec[1];
    StageProfiler profiler =
        new StageProfiler(
            warmupSteps,
            run -> {
              spec[0] = run.spec();
              probe.measure(run);
            });
    RunResult result =
        Hasten.train(
            pipeline,
            options.withMaxSteps((long) warmupSteps + steps).withProgressBar(false),
            binder -> binder.bind(StepObserver.class).toInstance(profiler));
    if (profiler.profiledSteps() == 0) {
      throw new InvalidInputException(
          "the run ended after "
              + result.steps()
              + " steps, within the "
              + warmupSteps
              + " warm-up steps: lower --warmup");
    }
    if (spec[0] == null) {
      throw new InvalidInputException(
          pipeline.getSimpleName()
              + " has no @EvalData: the doctor measures fixed costs after the"
              + " run's evaluation, so it needs one");
    }
    DoctorReport report =
        new DoctorReport(pipeline, result, spec[0], warmupSteps, profiler, probe, catalog);
    report.write(result.outDir());
    return report;
  }
}
