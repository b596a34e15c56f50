package dev.hasten.runtime.frontier;

import dev.hasten.runtime.report.MetricsHistory;
import java.nio.file.Path;

/**
 * One finished run of a frontier sweep, as read back from its folder.
 *
 * @param role whether it is a budget of the baseline or a pipeline being judged
 * @param pipeline the pipeline's simple name
 * @param epochs the epochs it was scheduled (and trained) for
 * @param trainSeconds its training time, evaluation excluded (summary.json's train_seconds)
 * @param finalTestAcc test accuracy after its last step
 * @param bestTestAcc the best test accuracy of any of its evaluations
 * @param history its metrics.jsonl
 * @param dir its folder
 */
public record FrontierRun(
    Role role,
    String pipeline,
    int epochs,
    double trainSeconds,
    double finalTestAcc,
    double bestTestAcc,
    MetricsHistory history,
    Path dir) {

  /** What a run is in the sweep. */
  public enum Role {
    /** A budget of the baseline: a point of the frontier. */
    BASELINE,
    /** A pipeline judged against the frontier. */
    PIPELINE
  }

  /** The run's point for the Pareto line: its whole training time and its final accuracy. */
  public ParetoFrontier.Point point() {
    return new ParetoFrontier.Point(trainSeconds, finalTestAcc);
  }

  /** Training time of its first evaluation at or above {@code target}, or NaN if none. */
  public double timeToReach(double target) {
    return history.timeToReach(target).orElse(Double.NaN);
  }
}
