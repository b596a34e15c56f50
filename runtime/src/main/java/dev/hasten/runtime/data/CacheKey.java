package dev.hasten.runtime.data;

import dev.hasten.dsl.Split;
import dev.hasten.runtime.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a split's cache lives and what it must have been built from.
 *
 * <p>The file name comes from the folder's absolute path, the split and the training size, so one
 * folder has one cache per split and size. The key is a SHA-256 over the cache format, the training
 * size, the class names and, for every image of the split, its relative path, size, modification
 * time and label: an image added, removed, replaced or moved to another class, or a change of the
 * held-out fraction, changes the key, and the cache is rebuilt.
 */
final class CacheKey {
  private CacheKey() {}

  /** {@code <folder name>-<hash of the absolute path>-<split>-<w>x<h>x<c>.hcache}. */
  static String fileName(ImageFolderLayout layout, Split split, ImageFolderOptions options) {
    Path absolute = layout.root().toAbsolutePath().normalize();
    String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString();
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return String.format(
        Locale.ROOT,
        "%s-%s-%s-%dx%dx%d.hcache",
        safe,
        sha256(absolute.toString()).substring(0, 16),
        split.name().toLowerCase(Locale.ROOT),
        options.width(),
        options.height(),
        options.channels());
  }

  static String key(List<String> classes, List<ImageFile> files, ImageFolderOptions options) {
    MessageDigest digest = Sha256.newDigest();
    StringBuilder line = new StringBuilder();
    line.append("hasten image cache ")
        .append(ImageCacheFile.VERSION)
        .append('\n')
        .append(options.channels())
        .append(' ')
        .append(options.height())
        .append(' ')
        .append(options.width())
        .append('\n')
        .append(String.join("/", classes))
        .append('\n');
    digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
    for (ImageFile file : files) {
      line.setLength(0);
      line.append(file.relativePath())
          .append('\0')
          .append(file.size())
          .append('\0')
          .append(file.modifiedMillis())
          .append('\0')
          .append(file.label())
          .append('\n');
      digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(String text) {
    return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
