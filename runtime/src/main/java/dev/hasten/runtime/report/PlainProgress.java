package dev.hasten.runtime.report;

import java.io.PrintStream;

/**
 * A run's progress as plain lines, one per evaluation, so that the logs of runs without a terminal
 * stay readable: {@code FashionMild epoch 2 step 468: test accuracy 88.12%, train loss 0.3310, 27.1
 * s of training}.
 */
public final class PlainProgress implements Progress {
  private final PrintStream log;
  private final String name;
  private String loss = "?";

  /** Lines about the run called {@code name}, on {@code log}. */
  public PlainProgress(PrintStream log, String name) {
    this.log = log;
    this.name = name;
  }

  @Override
  public void step() {}

  @Override
  public void trainLoss(double value) {
    loss = String.format("%.4f", value);
  }

  @Override
  public void evaluation(int epoch, long step, double testAcc, double trainSeconds) {
    log.printf(
        "%s epoch %d step %d: test accuracy %.2f%%, train loss %s, %.1f s of training%n",
        name, epoch + 1, step, 100 * testAcc, loss, trainSeconds);
  }

  @Override
  public void close() {}
}
