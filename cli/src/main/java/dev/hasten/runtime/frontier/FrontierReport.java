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
 * to the target accuracy, the frontier's time to it, and their ratio. Writes {@code frontier.csv},
 * {@code frontier.md} and {@code frontier.png}.
 *
 * <p>How time is measured: training time, the {@code train_seconds} of summary.json and the {@code
 * time_s} of metrics.jsonl, which run from a run's first step and stop during evaluation (and
 * exclude loading the data and building the model). A pipeline's time to the target is the {@code
 * time_s} of its first evaluation (one per epoch) at or above the target; the baseline's is
 * interpolated along its Pareto line of (training time, final accuracy) of each fully trained
 * budget.
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
  private final double target;
  private final ParetoFrontier frontier;

  public FrontierReport(List<FrontierRun> runs, double target) {
    this.runs = List.copyOf(runs);
    this.target = target;
    this.frontier =
        ParetoFrontier.of(
            baselineRuns().stream().map(FrontierRun::point).collect(Collectors.toList()));
  }

  public double target() {
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
    double frontierTime = frontier.timeToReach(target);
    List<Row> rows = new ArrayList<>();
    for (FrontierRun run : pipelineRuns()) {
      rows.add(new Row(run, run.timeToReach(target), frontierTime));
    }
    return rows;
  }

  /** The table in markdown: the judged pipelines, then the baseline's budgets. */
  public String markdown() {
    String pct = percent(target);
    StringBuilder md = new StringBuilder();
    md.append("| pipeline | epochs | training time (s) | final test acc | time to ")
        .append(pct)
        .append(" (s) | baseline frontier to ")
        .append(pct)
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
              percent(r.finalTestAcc()),
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
              frontier.contains(r.point()) ? ", on the frontier" : ", dominated",
              r.epochs(),
              r.trainSeconds(),
              percent(r.finalTestAcc()),
              seconds(r.timeToReach(target))));
    }
    return md.toString();
  }

  /** Every run on one line each, numbers unrounded; NaN where a time was not reached. */
  public String csv() {
    StringBuilder csv =
        new StringBuilder(
            "role,pipeline,epochs,train_seconds,final_test_acc,best_test_acc,time_to_target_s,"
                + "target,frontier_time_to_target_s,speedup,on_frontier,dir\n");
    double frontierTime = frontier.timeToReach(target);
    for (FrontierRun r : runs) {
      double time = r.timeToReach(target);
      boolean baseline = r.role() == FrontierRun.Role.BASELINE;
      csv.append(
              String.join(
                  ",",
                  r.role().name().toLowerCase(Locale.ROOT),
                  r.pipeline(),
                  Integer.toString(r.epochs()),
                  number(r.trainSeconds()),
                  number(r.finalTestAcc()),
                  number(r.bestTestAcc()),
                  number(time),
                  number(target),
                  number(frontierTime),
                  baseline ? "" : number(frontierTime / time),
                  baseline ? Boolean.toString(frontier.contains(r.point())) : "",
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

  static String percent(double accuracy) {
    return Double.isFinite(accuracy) ? String.format(Locale.ROOT, "%.2f%%", 100 * accuracy) : "–";
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
