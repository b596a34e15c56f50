package dev.hasten.runtime.data;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageCacheFile.DamagedCacheException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An image folder ({@link ImageFolderLayout}) read through its decoded caches, one per split: the
 * first use of a split decodes its images once ({@link ImageCacheBuilder}); later uses, in this run
 * or later ones, map the cache and decode nothing.
 *
 * <p>A cache whose key no longer matches the folder (an image added, removed or changed) is
 * rebuilt, with a notice; a damaged or truncated one is rebuilt with a warning. Every split is
 * normalised with the training split's per-channel statistics ({@link #normalisation()}).
 */
public final class ImageFolderData implements AutoCloseable {
  private final ImageFolderLayout layout;
  private final ImageFolderOptions options;
  private final ImageCacheFile.ChannelOpener opener;
  private final Map<Split, CachedImages> splits = new EnumMap<>(Split.class);

  private ImageFolderData(
      ImageFolderLayout layout, ImageFolderOptions options, ImageCacheFile.ChannelOpener opener) {
    this.layout = layout;
    this.options = options;
    this.opener = opener;
  }

  /**
   * Scans {@code root}; the caches are read or built on first use of each split.
   *
   * @throws InvalidInputException if the folder is not a usable image folder ({@link
   *     ImageFolderLayout#scan})
   */
  public static ImageFolderData open(Path root, ImageFolderOptions options) {
    return open(root, options, ImageCacheFile.FILES);
  }

  static ImageFolderData open(
      Path root, ImageFolderOptions options, ImageCacheFile.ChannelOpener opener) {
    return new ImageFolderData(ImageFolderLayout.scan(root, options), options, opener);
  }

  /** The folder's layout: its classes and each split's files. */
  public ImageFolderLayout layout() {
    return layout;
  }

  /** The class names, sorted; labels index them. */
  public List<String> classes() {
    return layout.classes();
  }

  /** The training split's per-channel mean and standard deviation, for every split. */
  public Normalisation normalisation() {
    return split(Split.TRAIN).statistics();
  }

  /**
   * A split's images, from its cache: read if it is current and sound, else built now.
   *
   * @throws InvalidInputException if more than 1% of the split's images are unreadable, or the
   *     cache cannot be written
   */
  public synchronized CachedImages split(Split split) {
    CachedImages cached = splits.get(split);
    if (cached == null) {
      cached = readOrBuild(split);
      splits.put(split, cached);
    }
    return cached;
  }

  private CachedImages readOrBuild(Split split) {
    List<ImageFile> files = layout.files(split);
    String source = layout.describe(split);
    Path folder = options.cacheFolder();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot create the image cache folder "
              + folder
              + " ("
              + e
              + "); set $"
              + ImageFolderOptions.CACHE_VARIABLE
              + " to a writable folder",
          e);
    }
    Path file = folder.resolve(CacheKey.fileName(layout, split, options));
    String key = CacheKey.key(layout.classes(), files, options);
    PrintStream messages = options.messages();
    if (Files.exists(file)) {
      try {
        CachedImages existing = ImageCacheFile.open(file, true);
        if (existing.keyMatches(key)) {
          warnSkipped(existing, source);
          return existing;
        }
        messages.println(
            "hasten: " + source + " changed since " + file + " was built; rebuilding it");
      } catch (DamagedCacheException e) {
        messages.println(
            "hasten: warning: the image cache "
                + file
                + " is unusable: "
                + e.getMessage()
                + "; rebuilding it");
      } catch (IOException e) {
        messages.println(
            "hasten: warning: cannot read the image cache " + file + " (" + e + "); rebuilding it");
      }
    }
    new ImageCacheBuilder(options, opener).build(file, key, source, layout.classes(), files);
    try {
      // Just written and checksummed on the way: the structure is checked, not the checksum again.
      return ImageCacheFile.open(file, false);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read the image cache " + file + " just built: " + e.getMessage(), e);
    }
  }

  /** Closes the files the splits' streamed reads go through. */
  @Override
  public synchronized void close() {
    splits.values().forEach(CachedImages::close);
  }

  /** Later runs say again, in one line, what the build skipped. */
  private void warnSkipped(CachedImages cached, String source) {
    List<String> skipped = cached.skipped();
    if (!skipped.isEmpty()) {
      options
          .messages()
          .printf(
              Locale.ROOT,
              "hasten: warning: %,d unreadable image(s) of %s are left out (the first: %s)%n",
              skipped.size(),
              source,
              skipped.get(0));
    }
  }
}
