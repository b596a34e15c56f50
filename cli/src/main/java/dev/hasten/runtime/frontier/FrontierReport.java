package dev.hasten.runtime.frontier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a frontier sweep found: the baseline's Pareto line and, for each judged pipeline, its time
 * to the target (a test accuracy, or a test loss in nats per token: {@link FrontierTarget}), the
 * frontier's time to it, and their ratio. Writes {@code frontier.csv}, {@code frontier.md} and
 * {@code frontier.png}.
 *
 * <p>How time is measured: training time, the {@code train_seconds} of summary.json and the {@code
 * time_s} of metrics.jsonl, which run from a run's first step and stop during evaluation (and
 * exclude loading the data and building the model). A pipeline's time to the target is the {@code
 * time_s} of its first evaluation (one per epoch) at or above the target accuracy, or at or below
 * the target loss; the baseline's is interpolated along its Pareto line of (training time, final
 * accuracy or loss) of each fully trained budget.
 */
public final class FrontierReport {
  public static final String CSV = "frontier.csv";
  public static final String MARKDOWN = "frontier.md";
  public static final String PLOT = "frontier.png";

  /** A judged pipeline's line of the table. */
  public record Row(FrontierRun run, double timeToTarget, double frontierTimeToTarget) {
    /** How many times faster than the frontier it reached the target; NaN if either did not. */
    public double speedup() {
      return frontierTimeToTarget / timeToTarget;
    }
  }

  private final List<FrontierRun> runs;
  private final FrontierTarget target;
  private final ParetoFrontier frontier;

  /** The report against a target test accuracy. */
  public FrontierReport(List<FrontierRun> runs, double targetAccuracy) {
    this(runs, FrontierTarget.accuracy(targetAccuracy));
  }

  public FrontierReport(List<FrontierRun> runs, FrontierTarget target) {
    this.runs = List.copyOf(runs);
    this.target = target;
    this.frontier = target.frontierOf(baselineRuns());
  }

  public FrontierTarget target() {
    return target;
  }

  public ParetoFrontier frontier() {
    return frontier;
  }

  public List<FrontierRun> baselineRuns() {
    return runs.stream()
        .filter(r -> r.role() == FrontierRun.Role.BASELINE)
        .collect(Collectors.toList());
  }

  public List<FrontierRun> pipelineRuns() {
    return runs.stream()
        .filter(r -> r.role() == FrontierRun.Role.PIPELINE)
        .collect(Collectors.toList());
  }

  /** One row per judged pipeline, in sweep order. */
  public List<Row> rows() {
    double frontierTime = frontier.timeToReach(target.value());
    List<Row> rows = new ArrayList<>();
    for (FrontierRun run : pipelineRuns()) {
      rows.add(new Row(run, target.timeToReach(run.history()), frontierTime));
    }
    return rows;
  }

  /** The table in markdown: the judged pipelines, then the baseline's budgets. */
  public String markdown() {
    String goal = target.label();
    StringBuilder md = new StringBuilder();
    md.append("| pipeline | epochs | training time (s) | final ")
        .append(target.shortMeasure())
        .append(" | time to ")
        .append(goal)
        .append(" (s) | baseline frontier to ")
        .append(goal)
        .append(" (s) | speedup |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows()) {
      FrontierRun r = row.run();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %s | %s | %s | %s |\n",
              r.pipeline(),
              r.epochs(),
              r.trainSeconds(),
              target.format(target.finalOf(r)),
              seconds(row.timeToTarget()),
              seconds(row.frontierTimeToTarget()),
              ratio(row.speedup())));
    }
    for (FrontierRun r : baselineRuns()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s (budget%s) | %d | %.1f | %s | %s | | |\n",
              r.pipeline(),
              frontier.contains(target.pointOf(r)) ? ", on the frontier" : ", dominated",
              r.epochs(),
              r.trainSeconds(),
              target.format(target.finalOf(r)),
              seconds(target.timeToReach(r.history()))));
    }
    return md.toString();
  }

  /**
   * Every run on one line each, numbers unrounded; NaN where a time was not reached. Against a loss
   * target the measurement columns are {@code final_test_loss} and {@code best_test_loss}.
   */
  public String csv() {
    StringBuilder csv =
        new StringBuilder(
            String.format(
                "role,pipeline,epochs,train_seconds,final_%1$s,best_%1$s,time_to_target_s,"
                    + "target,frontier_time_to_target_s,speedup,on_frontier,dir\n",
                target.column()));
    double frontierTime = frontier.timeToReach(target.value());
    for (FrontierRun r : runs) {
      double time = target.timeToReach(r.history());
      boolean baseline = r.role() == FrontierRun.Role.BASELINE;
      csv.append(
              String.join(
                  ",",
                  r.role().name().toLowerCase(Locale.ROOT),
                  r.pipeline(),
                  Integer.toString(r.epochs()),
                  number(r.trainSeconds()),
                  number(target.finalOf(r)),
                  number(target.bestOf(r)),
                  number(time),
                  number(target.value()),
                  number(frontierTime),
                  baseline ? "" : number(frontierTime / time),
                  baseline ? Boolean.toString(frontier.contains(target.pointOf(r))) : "",
                  r.dir().toString()))
          .append('\n');
    }
    return csv.toString();
  }

  /** Writes frontier.csv, frontier.md and frontier.png into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(CSV), csv(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(MARKDOWN), markdown(), StandardCharsets.UTF_8);
    FrontierPlot.write(this, dir.resolve(PLOT));
  }

  private static String seconds(double s) {
    return Double.isFinite(s) ? String.format(Locale.ROOT, "%.1f", s) : "not reached";
  }

  private static String ratio(double r) {
    return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f×", r) : "–";
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "NaN";
  }
}
