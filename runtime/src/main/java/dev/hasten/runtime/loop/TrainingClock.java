package dev.hasten.runtime.loop;

/**
 * The run's training time: nanoseconds of training so far, evaluation and set-up excluded.
 *
 * <p>Why it exists: the time is reported in every metrics line and the summary, saved in
 * checkpoints and continued by a resumed run, and paused around every evaluation; one small
 * stopwatch keeps those rules (start only if stopped, stop only if running) in one place.
 */
final class TrainingClock {
  private long trainNanos;

  /** {@link System#nanoTime} when the clock last started; -1 while it is stopped. */
  private long startedAt = -1;

  /** Starts the clock unless it is running. */
  void start() {
    if (startedAt < 0) {
      startedAt = System.nanoTime();
    }
  }

  /** Stops the clock unless it is stopped, adding the time since it started. */
  void stop() {
    if (startedAt >= 0) {
      trainNanos += System.nanoTime() - startedAt;
      startedAt = -1;
    }
  }

  /** Continues a resumed run's clock from {@code nanos} already trained, running from now. */
  void resumeAt(long nanos) {
    trainNanos = nanos;
    startedAt = System.nanoTime();
  }

  /** Nanoseconds of training so far, the running stretch included (what a checkpoint saves). */
  long nanos() {
    return trainNanos + (startedAt < 0 ? 0 : System.nanoTime() - startedAt);
  }

  /** Seconds of training so far, evaluation excluded. */
  double seconds() {
    long running = startedAt < 0 ? 0 : System.nanoTime() - startedAt;
    return (trainNanos + running) / 1e9;
  }

  /** Seconds of training up to the clock's last stop (the figure the summary reports). */
  double stoppedSeconds() {
    return trainNanos / 1e9;
  }
}
