package dev.hasten.samples.catalog;

import dev.hasten.samples.SubsetData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The embedded Fashion-MNIST subset cut down to its first examples, for training tests that must go
 * through whole epochs (a warm-up, a schedule over epochs) in a few seconds on a shared CPU.
 */
public final class SmallSubset {
  private SmallSubset() {}

  /** Copies the subset into {@code dir} with at most the first {@code examples} of each split. */
  public static Path copyTo(Path dir, int examples) throws IOException {
    SubsetData.copyTo(dir);
    for (String file : SubsetData.FILES) {
      shrink(dir.resolve(file), examples);
    }
    return dir;
  }

  /**
   * Rewrites a gzipped IDX file with (at most) its first {@code keep} items: the header (magic,
   * count, the other dimensions) with the count replaced, then the items' bytes.
   */
  private static void shrink(Path file, int keep) throws IOException {
    ByteBuffer idx = ByteBuffer.wrap(gunzip(file)); // IDX is big-endian, as ByteBuffer
    int dimensions = idx.getInt(0) & 0xff;
    int count = Math.min(keep, idx.getInt(4));
    int header = 4 + 4 * dimensions;
    long itemSize = 1;
    for (int d = 1; d < dimensions; d++) {
      itemSize *= idx.getInt(4 + 4 * d);
    }
    byte[] kept = new byte[Math.toIntExact(header + count * itemSize)];
    idx.get(0, kept);
    ByteBuffer.wrap(kept).putInt(4, count);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(kept);
    }
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toByteArray();
    }
  }
}
