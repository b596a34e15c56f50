package dev.hasten.runtime.report;

/**
 * What a run tells a person watching it while it trains: each step, the training loss when it is
 * read, each evaluation. A {@link ProgressDisplay} starts one per run; the runtime's own prints a
 * line per evaluation ({@link PlainProgress}), the command line ({@code hasten-cli}) draws a bar.
 * Standard output is kept for the summary line.
 */
public interface Progress extends AutoCloseable {
  /** Advances one step. Called on every step: must be cheap. */
  void step();

  /** The mean training loss of the steps since the last one reported. */
  void trainLoss(double value);

  /** An evaluation after {@code step} steps and {@code trainSeconds} of training. */
  void evaluation(int epoch, long step, TestScores scores, double trainSeconds);

  /** Ends the display; called more than once is harmless. */
  @Override
  void close();
}
