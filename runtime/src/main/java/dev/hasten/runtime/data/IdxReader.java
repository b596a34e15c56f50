package dev.hasten.runtime.data;

import dev.hasten.runtime.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), gzipped or not, into bytes.
 *
 * <p>An IDX file is a big-endian header, {@code magic, dim_0, …, dim_{n-1}}, followed by the
 * payload. The magic number {@code 0x000008nn} says "unsigned bytes, nn dimensions": 2051 ({@code
 * 0x803}) for images {@code [count, rows, cols]}, 2049 ({@code 0x801}) for labels {@code [count]}.
 * Everything the header promises is checked, so a bad file stops with a one-line {@link
 * InvalidInputException} naming the file and the problem instead of a tensor of the wrong shape
 * later on.
 *
 * <p>Whether a file is gzipped is decided by its first two bytes, not its name; a file whose name
 * ends in {@code .gz} must be gzip data.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with three dimensions. */
  public static final int IMAGE_MAGIC = 0x0000_0803;

  /** Magic number of an IDX file of unsigned bytes with one dimension. */
  public static final int LABEL_MAGIC = 0x0000_0801;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  // Leaves room for the array header; larger payloads do not fit a Java array anyway.
  private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 64;

  private IdxReader() {}

  /** Reads an IDX image file. */
  public static IdxImages readImages(Path file) {
    try (InputStream in = open(file)) {
      return readImages(file.toString(), in);
    } catch (IOException e) {
      throw unreadable(file.toString(), e);
    }
  }

  /** Reads an IDX label file. */
  public static IdxLabels readLabels(Path file) {
    try (InputStream in = open(file)) {
      return readLabels(file.toString(), in);
    } catch (IOException e) {
      throw unreadable(file.toString(), e);
    }
  }

  /**
   * Reads an IDX image file from a stream, which this method does not close.
   *
   * @param source the file's name as messages should show it
   */
  public static IdxImages readImages(String source, InputStream raw) {
    try {
      InputStream in = decompressed(source, raw);
      ByteBuffer header = readHeader(source, in, 3, IMAGE_MAGIC, "image");
      int count = dimension(source, header, "image count", 0);
      int rows = dimension(source, header, "row count", 1);
      int cols = dimension(source, header, "column count", 1);
      long announced = (long) count * rows * cols;
      String promise = String.format("%d images of %dx%d (%d bytes)", count, rows, cols, announced);
      byte[] pixels = readPayload(source, in, announced, promise);
      return new IdxImages(source, count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  /**
   * Reads an IDX label file from a stream, which this method does not close.
   *
   * @param source the file's name as messages should show it
   */
  public static IdxLabels readLabels(String source, InputStream raw) {
    try {
      InputStream in = decompressed(source, raw);
      ByteBuffer header = readHeader(source, in, 1, LABEL_MAGIC, "label");
      int count = dimension(source, header, "label count", 0);
      byte[] labels = readPayload(source, in, count, count + " labels");
      return new IdxLabels(source, labels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file", e);
    }
  }

  /** Peeks at the first two bytes: gzip data is inflated on the fly, anything else read as is. */
  private static InputStream decompressed(String source, InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (source.endsWith(".gz")) {
      throw new InvalidInputException(
          source + " is not gzip data (a .gz file starts with the bytes 1f 8b)");
    }
    return in;
  }

  /** Checks the magic number before the dimensions, so that a wrong kind of file is named so. */
  private static ByteBuffer readHeader(
      String source, InputStream in, int dimensions, int expectedMagic, String kind)
      throws IOException {
    int length = 4 + 4 * dimensions;
    byte[] magicBytes = in.readNBytes(4);
    if (magicBytes.length == 4) {
      int magic = ByteBuffer.wrap(magicBytes).getInt(); // big-endian, as IDX is
      if (magic != expectedMagic) {
        throw new InvalidInputException(
            String.format(
                "%s has magic number 0x%08x, expected %d (0x%08x) for an IDX %s file",
                source, magic, expectedMagic, expectedMagic, kind));
      }
    }
    byte[] dims = in.readNBytes(length - 4);
    int held = magicBytes.length + dims.length;
    if (held < length) {
      throw new InvalidInputException(
          String.format(
              "%s is truncated: it holds %d bytes, fewer than the %d-byte header of an IDX %s file",
              source, held, length, kind));
    }
    return ByteBuffer.wrap(dims);
  }

  private static int dimension(String source, ByteBuffer header, String what, int min) {
    int value = header.getInt();
    if (value < min) {
      throw new InvalidInputException(
          String.format("%s has an impossible header: %s %d", source, what, value));
    }
    return value;
  }

  private static byte[] readPayload(String source, InputStream in, long announced, String promise)
      throws IOException {
    if (announced > MAX_PAYLOAD) {
      throw new InvalidInputException(
          String.format(
              "%s announces %s, more than this reader can hold in memory", source, promise));
    }
    // readNBytes grows its buffer as data arrives, so a lying header cannot make it allocate
    // the announced size up front.
    byte[] payload = in.readNBytes((int) announced);
    if (payload.length < announced) {
      throw new InvalidInputException(
          String.format(
              "%s is truncated: the header announces %s but the file holds %d bytes after the"
                  + " header",
              source, promise, payload.length));
    }
    long extra = in.transferTo(OutputStream.nullOutputStream());
    if (extra > 0) {
      throw new InvalidInputException(
          String.format(
              "%s is longer than its header says: the header announces %s but the file holds"
                  + " %d bytes after the header",
              source, promise, announced + extra));
    }
    return payload;
  }

  private static InvalidInputException unreadable(String source, IOException e) {
    if (e instanceof EOFException) {
      return new InvalidInputException(source + " is truncated: its gzip stream ends early", e);
    }
    if (e instanceof ZipException) {
      return new InvalidInputException(source + " is corrupt gzip data: " + e.getMessage(), e);
    }
    return new InvalidInputException(source + " cannot be read: " + e, e);
  }
}
