package dev.hasten.runtime.frontier;

import dev.hasten.runtime.report.MetricsHistory;
import java.nio.file.Path;

/**
 * One finished run of a frontier sweep, as read back from its folder. What it scores against a
 * target, and when it reached it, is the target's to say ({@link FrontierTarget}).
 *
 * @param role whether it is a budget of the baseline or a pipeline being judged
 * @param pipeline the pipeline's simple name
 * @param epochs the epochs it was scheduled (and trained) for
 * @param trainSeconds its training time, evaluation excluded (summary.json's train_seconds)
 * @param finalTestAcc test accuracy after its last step
 * @param bestTestAcc the best test accuracy of any of its evaluations
 * @param finalTestLoss its test loss after its last step (summary.json's final_test_loss)
 * @param bestTestLoss the lowest test loss of any of its evaluations
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
    double finalTestLoss,
    double bestTestLoss,
    MetricsHistory history,
    Path dir) {

  /** A run judged by accuracy alone, its losses unknown. */
  public FrontierRun(
      Role role,
      String pipeline,
      int epochs,
      double trainSeconds,
      double finalTestAcc,
      double bestTestAcc,
      MetricsHistory history,
      Path dir) {
    this(
        role,
        pipeline,
        epochs,
        trainSeconds,
        finalTestAcc,
        bestTestAcc,
        Double.NaN,
        Double.NaN,
        history,
        dir);
  }

  /** What a run is in the sweep. */
  public enum Role {
    /** A budget of the baseline: a point of the frontier. */
    BASELINE,
    /** A pipeline judged against the frontier. */
    PIPELINE
  }
}
