package dev.hasten.runtime.frontier;

import dev.hasten.runtime.report.MetricsHistory;
import dev.hasten.runtime.report.MetricsHistory.EvalPoint;
import java.util.List;
import java.util.Locale;

/**
 * What a frontier judges by: a test accuracy to reach (higher is better), or a test loss, the mean
 * validation nats per token of a language model, to get down to (lower is better). Every figure of
 * the report, the table's headings and the plot's axis follow the kind, so a loss is never called
 * an accuracy.
 *
 * @param kind which measurement of an evaluation is judged
 * @param value the target: an accuracy in (0, 1], or a loss above 0
 */
public record FrontierTarget(Kind kind, double value) {
  /** The measurement judged. */
  public enum Kind {
    /** {@code test_acc} of metrics.jsonl, reached when at or above the target. */
    ACCURACY,
    /** {@code test_loss} of metrics.jsonl, reached when at or below the target. */
    LOSS
  }

  /** Reach {@code accuracy} or more. */
  public static FrontierTarget accuracy(double accuracy) {
    return new FrontierTarget(Kind.ACCURACY, accuracy);
  }

  /** Get the test loss down to {@code loss} or less. */
  public static FrontierTarget loss(double loss) {
    return new FrontierTarget(Kind.LOSS, loss);
  }

  public boolean lowerIsBetter() {
    return kind == Kind.LOSS;
  }

  /** Whether {@code measured} meets the target; NaN never does. */
  public boolean reachedBy(double measured) {
    return lowerIsBetter() ? measured <= value : measured >= value;
  }

  /** The judged measurement of one evaluation. */
  public double of(EvalPoint evaluation) {
    return lowerIsBetter() ? evaluation.testLoss() : evaluation.testAcc();
  }

  /** The judged measurement after a run's last step, as its summary.json has it; NaN if none. */
  public double finalOf(FrontierRun run) {
    return lowerIsBetter() ? run.finalTestLoss() : run.finalTestAcc();
  }

  /** The best of a run's evaluations: the highest accuracy or the lowest loss; NaN without one. */
  public double bestOf(FrontierRun run) {
    return lowerIsBetter() ? run.bestTestLoss() : run.bestTestAcc();
  }

  /**
   * The training time of the first evaluation that meets the target, or NaN if none does. A resumed
   * run's log may repeat an evaluation; the first one counts.
   */
  public double timeToReach(MetricsHistory history) {
    if (!lowerIsBetter()) {
      return history.timeToReach(value).orElse(Double.NaN);
    }
    for (EvalPoint e : history.evaluations()) {
      if (reachedBy(of(e))) {
        return e.timeSeconds();
      }
    }
    return Double.NaN;
  }

  /** The measurement's name in sentences and headings: "test accuracy" or "test loss". */
  public String measure() {
    return lowerIsBetter() ? "test loss" : "test accuracy";
  }

  /** Its short name in the table's headings: "test acc" or "test loss". */
  String shortMeasure() {
    return lowerIsBetter() ? "test loss" : "test acc";
  }

  /** Its name in the CSV's columns: "test_acc" or "test_loss", as metrics.jsonl names it. */
  String column() {
    return lowerIsBetter() ? "test_loss" : "test_acc";
  }

  /** How the target reads in a heading: "92.00%", or "loss ≤ 1.5000". */
  public String label() {
    return lowerIsBetter() ? "loss ≤ " + format(value) : format(value);
  }

  /** A measurement as the report prints it: an accuracy in percent, a loss in nats to 4 places. */
  public String format(double measured) {
    if (!Double.isFinite(measured)) {
      return "–";
    }
    return lowerIsBetter()
        ? String.format(Locale.ROOT, "%.4f", measured)
        : String.format(Locale.ROOT, "%.2f%%", 100 * measured);
  }

  /** The Pareto line of {@code runs}' (training time, final measurement) points. */
  ParetoFrontier frontierOf(List<FrontierRun> runs) {
    return ParetoFrontier.of(runs.stream().map(this::pointOf).toList(), lowerIsBetter());
  }

  /** A run's point on (or off) the line {@link #frontierOf} draws. */
  ParetoFrontier.Point pointOf(FrontierRun run) {
    return new ParetoFrontier.Point(run.trainSeconds(), finalOf(run));
  }
}
