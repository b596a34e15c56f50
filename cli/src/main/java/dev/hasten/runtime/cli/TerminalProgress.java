package dev.hasten.runtime.cli;

import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.report.PlainProgress;
import dev.hasten.runtime.report.Progress;
import dev.hasten.runtime.report.ProgressDisplay;
import dev.hasten.runtime.report.TestScores;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on the terminal: a live bar (steps, rate, ETA, last loss and evaluation) where the run's
 * options ask for one ({@link RunOptions#progressBar}: {@code train} without {@code --no-progress},
 * on a console), else the runtime's plain lines.
 */
final class TerminalProgress implements ProgressDisplay {
  private final boolean drawBars;

  @Inject
  TerminalProgress(RunOptions options) {
    this.drawBars = options.progressBar();
  }

  @Override
  public Progress run(String name, long totalSteps, long doneSteps) {
    if (!drawBars) {
      return new PlainProgress(System.err, name);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(totalSteps)
            .startsFrom(doneSteps, Duration.ZERO)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUnit(" steps", 1)
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .build();
    return new RunBar(bar);
  }

  @Override
  public Optional<Counter> counter(String task, String unit, long total) {
    if (!drawBars) {
      return Optional.empty();
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUnit(unit, 1)
            .showSpeed()
            .build();
    return Optional.of(
        new Counter() {
          @Override
          public void add(long units) {
            bar.stepBy(units);
          }

          @Override
          public void close() {
            bar.close();
          }
        });
  }

  /** A run's bar, with the last training loss and evaluation beside it. */
  private static final class RunBar implements Progress {
    private final ProgressBar bar;
    private String loss = "?";

    /** The last evaluation, briefly: {@code acc 88.12%} or {@code test 1.3028 nats}. */
    private String test = "acc -";

    RunBar(ProgressBar bar) {
      this.bar = bar;
    }

    /** Cheap: the bar redraws on its own thread. */
    @Override
    public void step() {
      bar.step();
    }

    @Override
    public void trainLoss(double value) {
      loss = String.format("%.4f", value);
      bar.setExtraMessage(" loss " + loss + " " + test);
    }

    @Override
    public void evaluation(int epoch, long step, TestScores scores, double trainSeconds) {
      test = scores.brief();
      bar.setExtraMessage(" loss " + loss + " " + test);
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
