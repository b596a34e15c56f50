package dev.hasten.runtime.report;

import java.util.Optional;

/**
 * Where long work shows how far it has got: the steps of a run, the images decoded into a cache.
 * Bound in Guice; the runtime binds {@link #PLAIN}, and the command line ({@code hasten-cli}) binds
 * a terminal progress bar in its place.
 */
public interface ProgressDisplay {
  /** A line per evaluation on stderr, and no bars. */
  ProgressDisplay PLAIN =
      new ProgressDisplay() {
        @Override
        public Progress run(String name, long totalSteps, long doneSteps) {
          return new PlainProgress(System.err, name);
        }

        @Override
        public Optional<Counter> counter(String task, String unit, long total) {
          return Optional.empty();
        }
      };

  /** The progress of the run called {@code name}: {@code totalSteps}, {@code doneSteps} taken. */
  Progress run(String name, long totalSteps, long doneSteps);

  /**
   * A bar over {@code total} units of {@code task}, or empty where this display draws none: the
   * caller then says in a line what it is doing.
   */
  Optional<Counter> counter(String task, String unit, long total);

  /** A count of done units, shown as it grows. */
  interface Counter extends AutoCloseable {
    void add(long units);

    @Override
    void close();
  }
}
