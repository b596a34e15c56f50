package dev.hasten.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may choose per run without touching the pipeline: the command line's flags, or
 * {@link Hasten#train(Class, RunOptions)}'s second argument. Immutable; each {@code with…}
 * returns a copy, and out-of-range values are refused there, with the flag's name.
 */
public final class RunOptions {
  /** Which device to train on. */
  public enum DeviceChoice {
    /** A GPU when DJL's engine sees one, else the CPU. */
    AUTO,
    CPU,
    GPU;

    /** Parses a {@code --device} value. */
    public static DeviceChoice parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--device must be cpu, gpu or auto, got '" + text + "'");
      }
    }
  }

  private final Integer epochs;
  private final Long maxSteps;
  private final Path out;
  private final boolean resume;
  private final Path data;
  private final DeviceChoice device;
  private final Long seed;
  private final Integer threads;
  private final boolean progressBar;

  private RunOptions(
      Integer epochs,
      Long maxSteps,
      Path out,
      boolean resume,
      Path data,
      DeviceChoice device,
      Long seed,
      Integer threads,
      boolean progressBar) {
    this.epochs = epochs;
    this.maxSteps = maxSteps;
    this.out = out;
    this.resume = resume;
    this.data = data;
    this.device = device;
    this.seed = seed;
    this.threads = threads;
    this.progressBar = progressBar;
  }

  /** The pipeline's own epochs and seed, the default data search, automatic device choice. */
  public static RunOptions defaults() {
    return new RunOptions(null, null, null, false, null, DeviceChoice.AUTO, null, null, true);
  }

  /** Overrides the pipeline's epochs (the schedule and every speedup fraction follow). */
  public RunOptions withEpochs(int newEpochs) {
    if (newEpochs < 1) {
      throw new InvalidInputException("--epochs must be at least 1, got " + newEpochs);
    }
    return new RunOptions(newEpochs, maxSteps, out, resume, data, device, seed, threads, progressBar);
  }

  /** Stops after this many steps in all, keeping the schedule of the full run (for smoke tests). */
  public RunOptions withMaxSteps(long newMaxSteps) {
    if (newMaxSteps < 1) {
      throw new InvalidInputException("--max-steps must be at least 1, got " + newMaxSteps);
    }
    return new RunOptions(epochs, newMaxSteps, out, resume, data, device, seed, threads, progressBar);
  }

  public RunOptions withOut(Path newOut) {
    return new RunOptions(epochs, maxSteps, newOut, resume, data, device, seed, threads, progressBar);
  }

  public RunOptions withResume(boolean newResume) {
    return new RunOptions(epochs, maxSteps, out, newResume, data, device, seed, threads, progressBar);
  }

  public RunOptions withData(Path newData) {
    return new RunOptions(epochs, maxSteps, out, resume, newData, device, seed, threads, progressBar);
  }

  public RunOptions withDevice(DeviceChoice newDevice) {
    return new RunOptions(epochs, maxSteps, out, resume, data, newDevice, seed, threads, progressBar);
  }

  public RunOptions withSeed(long newSeed) {
    return new RunOptions(epochs, maxSteps, out, resume, data, device, newSeed, threads, progressBar);
  }

  /** Intra-op threads for libtorch; takes effect only before the engine first loads. */
  public RunOptions withThreads(int newThreads) {
    if (newThreads < 1) {
      throw new InvalidInputException("--threads must be at least 1, got " + newThreads);
    }
    return new RunOptions(epochs, maxSteps, out, resume, data, device, seed, newThreads, progressBar);
  }

  /** Whether to draw a progress bar on the terminal (off for tests and benchmarks). */
  public RunOptions withProgressBar(boolean newProgressBar) {
    return new RunOptions(epochs, maxSteps, out, resume, data, device, seed, threads, newProgressBar);
  }

  public Optional<Integer> epochs() {
    return Optional.ofNullable(epochs);
  }

  public Optional<Long> maxSteps() {
    return Optional.ofNullable(maxSteps);
  }

  public Optional<Path> out() {
    return Optional.ofNullable(out);
  }

  public boolean resume() {
    return resume;
  }

  public Optional<Path> data() {
    return Optional.ofNullable(data);
  }

  public DeviceChoice device() {
    return device;
  }

  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  public Optional<Integer> threads() {
    return Optional.ofNullable(threads);
  }

  public boolean progressBar() {
    return progressBar;
  }
}
