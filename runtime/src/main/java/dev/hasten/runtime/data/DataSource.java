package dev.hasten.runtime.data;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the four Fashion-MNIST files were found: a folder, or the subset embedded in the jar. Made
 * by {@link DataLocation#resolve()}, which has already checked that the files exist.
 */
public final class DataSource {
  private final Path folder; // null: the embedded subset
  private final String description;
  private final String notice;

  private DataSource(Path folder, String description, String notice) {
    this.folder = folder;
    this.description = description;
    this.notice = notice;
  }

  static DataSource folder(Path folder, String description) {
    return new DataSource(folder, description, null);
  }

  static DataSource embedded(String notice) {
    String description =
        String.format(
            "the embedded Fashion-MNIST subset (%,d training and %,d test images)",
            FashionMnist.SUBSET_TRAIN_SIZE, FashionMnist.SUBSET_TEST_SIZE);
    return new DataSource(null, description, notice);
  }

  /**
   * One line for the run summary, e.g. {@code Fashion-MNIST in /usr/share/datasets/fashion-mnist}.
   */
  public String description() {
    return description;
  }

  public boolean isEmbedded() {
    return folder == null;
  }

  /** What to tell the user once, on stderr, about this choice (the fallback to the subset). */
  public Optional<String> notice() {
    return Optional.ofNullable(notice);
  }

  /** The images of a split, which must be as many as its {@code labels} (read first). */
  IdxImages readImages(String file, IdxLabels labels) {
    if (folder != null) {
      return IdxReader.readImages(folder.resolve(file), labels);
    }
    try (InputStream in = openResource(file)) {
      return IdxReader.readImages(resourceName(file), in, labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  IdxLabels readLabels(String file) {
    if (folder != null) {
      return IdxReader.readLabels(folder.resolve(file));
    }
    try (InputStream in = openResource(file)) {
      return IdxReader.readLabels(resourceName(file), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream openResource(String file) {
    InputStream in = DataSource.class.getResourceAsStream(FashionMnist.SUBSET_RESOURCE + file);
    if (in == null) {
      // Only a broken build gets here: the subset is part of the jar.
      throw new InvalidInputException(resourceName(file) + " is missing from the Hasten jar");
    }
    return in;
  }

  private static String resourceName(String file) {
    return "embedded " + FashionMnist.SUBSET_RESOURCE.substring(1) + file;
  }

  @Override
  public String toString() {
    return description;
  }
}
