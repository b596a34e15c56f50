package dev.hasten.runtime.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A run's progress as plain lines, one per evaluation, so that the logs of runs without a terminal
 * stay readable: {@code FashionMild epoch 2 step 468: test accuracy 88.12%, train loss 0.3310, 27.1
 * s of training}; a language model's line leads with its validation loss ({@link
 * TestScores#describe}).
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
  public void evaluation(int epoch, long step, TestScores scores, double trainSeconds) {
    log.printf(
        Locale.ROOT,
        "%s epoch %d step %d: %s, train loss %s, %.1f s of training%n",
        name,
        epoch + 1,
        step,
        scores.describe(),
        loss,
        trainSeconds);
  }

  @Override
  public void close() {}
}
