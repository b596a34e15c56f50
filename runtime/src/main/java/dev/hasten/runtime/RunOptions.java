package dev.hasten.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may choose per run without touching the pipeline: the command line's flags, or {@link
 * Hasten#train(Class, RunOptions)}'s second argument. Immutable; each {@code with…} returns a copy,
 * and out-of-range values are refused there, with the flag's name.
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

  private Integer epochs;
  private Long maxSteps;
  private Path out;
  private boolean resume;
  private Path data;
  private DeviceChoice device;
  private Long seed;
  private Integer threads;
  private boolean progressBar;
  private long checkpointEvery;
  private Path cacheFolder;
  private Long dataMemory;

  private RunOptions() {}

  /** A copy to change one value of: every {@code with…} returns a new object. */
  private RunOptions copy() {
    RunOptions c = new RunOptions();
    c.epochs = epochs;
    c.maxSteps = maxSteps;
    c.out = out;
    c.resume = resume;
    c.data = data;
    c.device = device;
    c.seed = seed;
    c.threads = threads;
    c.progressBar = progressBar;
    c.checkpointEvery = checkpointEvery;
    c.cacheFolder = cacheFolder;
    c.dataMemory = dataMemory;
    return c;
  }

  /** The pipeline's own epochs and seed, the default data search, automatic device choice. */
  public static RunOptions defaults() {
    RunOptions defaults = new RunOptions();
    defaults.device = DeviceChoice.AUTO;
    defaults.progressBar = true;
    return defaults;
  }

  /** Overrides the pipeline's epochs (the schedule and every speedup fraction follow). */
  public RunOptions withEpochs(int newEpochs) {
    if (newEpochs < 1) {
      throw new InvalidInputException("--epochs must be at least 1, got " + newEpochs);
    }
    RunOptions c = copy();
    c.epochs = newEpochs;
    return c;
  }

  /** Stops after this many steps in all, keeping the schedule of the full run (for smoke tests). */
  public RunOptions withMaxSteps(long newMaxSteps) {
    if (newMaxSteps < 1) {
      throw new InvalidInputException("--max-steps must be at least 1, got " + newMaxSteps);
    }
    RunOptions c = copy();
    c.maxSteps = newMaxSteps;
    return c;
  }

  public RunOptions withOut(Path newOut) {
    RunOptions c = copy();
    c.out = newOut;
    return c;
  }

  public RunOptions withResume(boolean newResume) {
    RunOptions c = copy();
    c.resume = newResume;
    return c;
  }

  public RunOptions withData(Path newData) {
    RunOptions c = copy();
    c.data = newData;
    return c;
  }

  public RunOptions withDevice(DeviceChoice newDevice) {
    RunOptions c = copy();
    c.device = newDevice;
    return c;
  }

  public RunOptions withSeed(long newSeed) {
    RunOptions c = copy();
    c.seed = newSeed;
    return c;
  }

  /** Intra-op threads for libtorch; takes effect only before the engine first loads. */
  public RunOptions withThreads(int newThreads) {
    if (newThreads < 1) {
      throw new InvalidInputException("--threads must be at least 1, got " + newThreads);
    }
    RunOptions c = copy();
    c.threads = newThreads;
    return c;
  }

  /**
   * Whether to draw a progress bar on the terminal (off for tests and benchmarks), where the
   * command line's display is bound; the runtime's own prints plain lines either way.
   */
  public RunOptions withProgressBar(boolean newProgressBar) {
    RunOptions c = copy();
    c.progressBar = newProgressBar;
    return c;
  }

  /**
   * Also writes a checkpoint every {@code steps} steps (checkpoints are always written at the end
   * of each epoch).
   */
  public RunOptions withCheckpointEvery(long steps) {
    if (steps < 1) {
      throw new InvalidInputException("--checkpoint-every must be at least 1, got " + steps);
    }
    RunOptions c = copy();
    c.checkpointEvery = steps;
    return c;
  }

  /**
   * Where decoded image caches are kept (default {@code $HASTEN_CACHE}, else {@code
   * $XDG_CACHE_HOME/hasten}, else {@code ~/.cache/hasten}).
   */
  public RunOptions withCacheFolder(Path folder) {
    RunOptions c = copy();
    c.cacheFolder = folder;
    return c;
  }

  /**
   * The memory an image folder's splits may take resident on the device; splits that would take
   * more are streamed from their caches instead (docs/DATA.md; default a quarter of the machine's
   * physical memory).
   */
  public RunOptions withDataMemory(long bytes) {
    if (bytes < 1) {
      throw new InvalidInputException("--data-memory must be above 0 bytes, got " + bytes);
    }
    RunOptions c = copy();
    c.dataMemory = bytes;
    return c;
  }

  /**
   * Parses a {@code --data-memory} SIZE: a whole number of bytes, or followed by K, M, G or T
   * (powers of 1024; a trailing B and lower case allowed), e.g. {@code 512M}, {@code 4G}.
   *
   * @throws InvalidInputException naming the flag and the value if it is not such a size
   */
  public static long parseDataMemory(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    int shift = 0;
    if (!t.isEmpty()) {
      int unit = "KMGT".indexOf(t.charAt(t.length() - 1));
      if (unit >= 0) {
        shift = 10 * (unit + 1);
        t = t.substring(0, t.length() - 1);
      }
    }
    long number;
    try {
      number = t.matches("[0-9]+") ? Long.parseLong(t) : -1;
    } catch (NumberFormatException e) {
      number = -1; // too many digits
    }
    if (number < 1 || number > (Long.MAX_VALUE >> shift)) {
      throw new InvalidInputException(
          "--data-memory must be a size above 0 such as 512M or 4G (K, M, G, T: powers of 1024), got '"
              + text
              + "'");
    }
    return number << shift;
  }

  /** The memory budget for resident image splits, if one was given. */
  public Optional<Long> dataMemory() {
    return Optional.ofNullable(dataMemory);
  }

  public Optional<Path> cacheFolder() {
    return Optional.ofNullable(cacheFolder);
  }

  /** Steps between checkpoints within an epoch; 0 for end-of-epoch checkpoints only. */
  public long checkpointEvery() {
    return checkpointEvery;
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
