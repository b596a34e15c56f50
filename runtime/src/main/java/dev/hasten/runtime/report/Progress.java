package dev.hasten.runtime.report;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run on the terminal: a live bar (steps, rate, ETA, last loss and accuracy)
 * when one is wanted, else one plain line per evaluation on stderr, so logs of non-interactive
 * runs stay readable. Standard output is kept for the summary line.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream log;
  private final String name;
  private String loss = "?";
  private String accuracy = "-";

  private Progress(ProgressBar bar, PrintStream log, String name) {
    this.bar = bar;
    this.log = log;
    this.name = name;
  }

  /** A bar over {@code totalSteps} steps, already at {@code doneSteps}, or plain lines. */
  public static Progress start(String name, long totalSteps, long doneSteps, boolean drawBar) {
    ProgressBar bar = null;
    if (drawBar) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(totalSteps)
              .startsFrom(doneSteps, Duration.ZERO)
              .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
              .setUnit(" steps", 1)
              .setUpdateIntervalMillis(250)
              .showSpeed()
              .build();
    }
    return new Progress(bar, System.err, name);
  }

  /** Advances one step. Cheap: the bar redraws on its own thread. */
  public void step() {
    if (bar != null) {
      bar.step();
    }
  }

  public void trainLoss(double value) {
    loss = String.format("%.4f", value);
    refreshExtra();
  }

  /** Records an evaluation; without a bar, prints it as a line. */
  public void evaluation(int epoch, long step, double testAcc, double trainSeconds) {
    accuracy = String.format("%.2f%%", 100 * testAcc);
    refreshExtra();
    if (bar == null) {
      log.printf(
          "%s epoch %d step %d: test accuracy %s, train loss %s, %.1f s of training%n",
          name, epoch + 1, step, accuracy, loss, trainSeconds);
    }
  }

  private void refreshExtra() {
    if (bar != null) {
      bar.setExtraMessage(" loss " + loss + " acc " + accuracy);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
