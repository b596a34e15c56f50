package dev.hasten.runtime.frontier;

import dev.hasten.dsl.Pipeline;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.report.Curves;
import dev.hasten.runtime.report.MetricsHistory;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Trains what a frontier needs, one run after another in this process: the baseline once per epoch
 * budget, each with its whole schedule for that budget (the paper's honest baseline, not
 * checkpoints of one long run), then each judged pipeline at its own epochs.
 *
 * <p>Each run has its own folder under {@code out/runs/}, named {@code <Pipeline>-<epochs>ep}. A
 * run whose folder already holds a {@code summary.json} finished before and is read back instead of
 * trained again, so an interrupted sweep resumes where it stopped; a run cut short continues from
 * its newest checkpoint if it has one, else its folder is cleared and it is trained again. Progress
 * goes to {@code log}, one line per run with an estimate of the time left.
 */
public final class FrontierSweep {
  /** Trains one pipeline; {@link Hasten#train} outside tests. */
  @FunctionalInterface
  public interface Trainer {
    RunResult train(Class<?> pipeline, RunOptions options);
  }

  /** One run of the plan. */
  public record Planned(FrontierRun.Role role, Class<?> pipeline, int epochs) {
    String folderName() {
      return pipeline.getSimpleName() + "-" + epochs + "ep";
    }
  }

  private final List<Planned> plan;
  private final Path out;
  private final RunOptions base;
  private final Trainer trainer;
  private final PrintStream log;

  FrontierSweep(List<Planned> plan, Path out, RunOptions base, Trainer trainer, PrintStream log) {
    this.plan = List.copyOf(plan);
    this.out = out;
    this.base = base;
    this.trainer = trainer;
    this.log = log;
  }

  /**
   * The sweep of {@code baseline} at each of {@code budgets} (epochs), then each of {@code
   * pipelines} at the epochs of its {@code @Pipeline}, written under {@code out}.
   *
   * @param base the options every run shares (data, device, threads, seed); epochs and the output
   *     folder are set per run
   */
  public static FrontierSweep plan(
      Class<?> baseline,
      List<Integer> budgets,
      List<Class<?>> pipelines,
      Path out,
      RunOptions base,
      Trainer trainer,
      PrintStream log) {
    if (budgets.isEmpty()) {
      throw new InvalidInputException("--budgets needs at least one epoch budget");
    }
    List<Planned> plan = new ArrayList<>();
    for (int epochs : new LinkedHashSet<>(budgets)) {
      if (epochs < 1) {
        throw new InvalidInputException("--budgets must be epochs of at least 1, got " + epochs);
      }
      plan.add(new Planned(FrontierRun.Role.BASELINE, baseline, epochs));
    }
    for (Class<?> pipeline : new LinkedHashSet<>(pipelines)) {
      plan.add(new Planned(FrontierRun.Role.PIPELINE, pipeline, ownEpochs(pipeline)));
    }
    return new FrontierSweep(plan, out, base.withProgressBar(false), trainer, log);
  }

  private static int ownEpochs(Class<?> pipeline) {
    Pipeline declared = pipeline.getAnnotation(Pipeline.class);
    if (declared == null) {
      throw new InvalidInputException(pipeline.getName() + " is not annotated @Pipeline");
    }
    return declared.epochs();
  }

  public List<Planned> plannedRuns() {
    return plan;
  }

  /** Runs (or reads back) every planned run, in plan order. */
  public List<FrontierRun> run() throws IOException {
    List<FrontierRun> done = new ArrayList<>();
    Map<Class<?>, Double> wallSecondsPerEpoch = new HashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      Planned p = plan.get(i);
      Path dir = out.resolve("runs").resolve(p.folderName());
      String head =
          String.format(
              "frontier: run %d of %d, %s at %d epochs",
              i + 1, plan.size(), p.pipeline().getSimpleName(), p.epochs());
      if (Files.exists(dir.resolve(Summary.FILE_NAME))) {
        log.println(head + ": finished before, read from " + dir);
      } else {
        boolean resume = hasCheckpoint(dir);
        log.println(
            head
                + (resume ? ", resumed from its checkpoint" : "")
                + " -> "
                + dir
                + remaining(i, wallSecondsPerEpoch));
        if (!resume) {
          clearUnfinished(dir);
        }
        long started = System.nanoTime();
        trainer.train(p.pipeline(), base.withEpochs(p.epochs()).withOut(dir).withResume(resume));
        double wall = (System.nanoTime() - started) / 1e9;
        wallSecondsPerEpoch.put(p.pipeline(), wall / p.epochs());
      }
      done.add(readBack(p, dir));
    }
    return done;
  }

  /**
   * "(about N min of the sweep left)", from the wall time per epoch of the runs trained so far:
   * each pipeline's own rate where it has one, else the mean of the others.
   */
  private String remaining(int next, Map<Class<?>, Double> wallSecondsPerEpoch) {
    if (wallSecondsPerEpoch.isEmpty()) {
      return "";
    }
    double fallback =
        wallSecondsPerEpoch.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double seconds = 0;
    for (int i = next; i < plan.size(); i++) {
      Planned p = plan.get(i);
      if (!Files.exists(out.resolve("runs").resolve(p.folderName()).resolve(Summary.FILE_NAME))) {
        seconds += p.epochs() * wallSecondsPerEpoch.getOrDefault(p.pipeline(), fallback);
      }
    }
    return String.format(" (about %.0f min of the sweep left)", Math.ceil(seconds / 60));
  }

  /** A run cut short after its first checkpoint continues from it, exactly (clock included). */
  private static boolean hasCheckpoint(Path dir) throws IOException {
    Path folder = dir.resolve(Checkpoints.FOLDER);
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (var files = Files.list(folder)) {
      return files.findAny().isPresent();
    }
  }

  /** A run cut short before any checkpoint left a partial log; its retraining starts it afresh. */
  private static void clearUnfinished(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(MetricsLog.FILE_NAME));
    Files.deleteIfExists(dir.resolve(Curves.FILE_NAME));
  }

  private static FrontierRun readBack(Planned p, Path dir) throws IOException {
    RunResult summary = Summary.read(dir);
    return new FrontierRun(
        p.role(),
        p.pipeline().getSimpleName(),
        summary.epochs(),
        summary.trainSeconds(),
        summary.finalTestAcc(),
        summary.bestTestAcc(),
        summary.finalTestLoss(),
        summary.bestTestLoss(),
        MetricsHistory.read(dir),
        dir);
  }
}
