package dev.hasten.runtime.data;

import dev.hasten.runtime.report.ProgressDisplay;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an image folder becomes training data: the training size every image is brought to, the
 * number of classes the pipeline expects, the held-out fraction for a folder without {@code train/}
 * and {@code test/}, and where the decoded cache lives. Immutable; made by {@link #builder()},
 * DJL-style ({@code set…} required, {@code opt…} optional).
 */
public final class ImageFolderOptions {
  /**
   * The variable that names the cache folder; else {@code $XDG_CACHE_HOME/hasten}, {@code
   * ~/.cache/hasten}.
   */
  public static final String CACHE_VARIABLE = "HASTEN_CACHE";

  /** The held-out fraction when the folder has no {@code train/} and {@code test/}. */
  public static final double DEFAULT_HELD_OUT = 0.1;

  /** More than this fraction of a split unreadable stops the run. */
  public static final double MAX_UNREADABLE = 0.01;

  private final int channels;
  private final int height;
  private final int width;
  private final Integer classes;
  private final double heldOutFraction;
  private final long splitSeed;
  private final Path cacheFolder;
  private final ProgressDisplay progress;
  private final PrintStream messages;

  private ImageFolderOptions(Builder b) {
    this.channels = b.channels;
    this.height = b.height;
    this.width = b.width;
    this.classes = b.classes;
    this.heldOutFraction = b.heldOutFraction;
    this.splitSeed = b.splitSeed;
    this.cacheFolder = b.cacheFolder == null ? defaultCacheFolder() : b.cacheFolder;
    this.progress = b.progress;
    this.messages = b.messages;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code $HASTEN_CACHE}, else {@code $XDG_CACHE_HOME/hasten}, else {@code ~/.cache/hasten}. */
  public static Path defaultCacheFolder() {
    String named = System.getenv(CACHE_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "hasten");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "hasten");
  }

  /** 1 (grey) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Bytes of one image in the cache: {@code channels · height · width}. */
  public int imageBytes() {
    return channels * height * width;
  }

  /** The number of classes the pipeline declares, if it declares one. */
  public Optional<Integer> classes() {
    return Optional.ofNullable(classes);
  }

  public double heldOutFraction() {
    return heldOutFraction;
  }

  public long splitSeed() {
    return splitSeed;
  }

  public Path cacheFolder() {
    return cacheFolder;
  }

  /** Where building a cache shows its progress. */
  public ProgressDisplay progress() {
    return progress;
  }

  /** Where warnings and notices go (stderr unless a test redirects them). */
  public PrintStream messages() {
    return messages;
  }

  /** Builds {@link ImageFolderOptions}. */
  public static final class Builder {
    private int channels;
    private int height;
    private int width;
    private Integer classes;
    private double heldOutFraction = DEFAULT_HELD_OUT;
    private long splitSeed;
    private Path cacheFolder;
    private ProgressDisplay progress = ProgressDisplay.PLAIN;
    private PrintStream messages = System.err;

    private Builder() {}

    /** The training size: channels 1 (grey) or 3 (RGB), height and width in pixels. */
    public Builder setImageShape(int channels, int height, int width) {
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException(
            "an image folder gives 1 or 3 channels, not " + channels);
      }
      if (height < 1 || width < 1) {
        throw new IllegalArgumentException(
            "image size must be positive, got " + height + "x" + width);
      }
      this.channels = channels;
      this.height = height;
      this.width = width;
      return this;
    }

    /** The number of class folders the pipeline expects; another number is an input error. */
    public Builder optClasses(int classes) {
      this.classes = classes;
      return this;
    }

    /** The fraction of each class held out for testing when there is no {@code test/}. */
    public Builder optHeldOutFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + fraction);
      }
      this.heldOutFraction = fraction;
      return this;
    }

    /** Fixes which images are held out (not the run's seed: every run sees the same test set). */
    public Builder optSplitSeed(long seed) {
      this.splitSeed = seed;
      return this;
    }

    public Builder optCacheFolder(Path folder) {
      this.cacheFolder = folder;
      return this;
    }

    /**
     * Where building a cache shows its progress: a bar where {@code progress} draws one, else a
     * line before and after (the default).
     */
    public Builder optProgress(ProgressDisplay progress) {
      this.progress = progress;
      return this;
    }

    public Builder optMessages(PrintStream messages) {
      this.messages = messages;
      return this;
    }

    public ImageFolderOptions build() {
      if (channels == 0) {
        throw new IllegalStateException("setImageShape is required");
      }
      return new ImageFolderOptions(this);
    }
  }
}
