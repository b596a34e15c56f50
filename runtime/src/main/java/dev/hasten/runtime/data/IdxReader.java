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
import java.util.Locale;
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
 * <p>Memory is bounded before anything is inflated. The payload the header announces must be at
 * most {@link #MAX_PAYLOAD_BYTES}; for a file on disk it must also fit the file's size (exactly,
 * for a plain file; at most {@link #MAX_DEFLATE_RATIO} times it, the most deflate can expand, for a
 * gzipped one); and an image file read with its split's labels must announce as many images as
 * there are labels. Only then is the payload allocated, once, and filled in place: reading a file
 * takes the announced payload of heap plus two 64 KiB buffers, never more. A gzip bomb (a small
 * file that inflates to gigabytes) is refused by its header, not by running out of memory.
 *
 * <p>Whether a file is gzipped is decided by its first two bytes, not its name; a file whose name
 * ends in {@code .gz} must be gzip data, and nothing may follow the gzip data.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with three dimensions. */
  public static final int IMAGE_MAGIC = 0x0000_0803;

  /** Magic number of an IDX file of unsigned bytes with one dimension. */
  public static final int LABEL_MAGIC = 0x0000_0801;

  /**
   * The largest payload a file may announce: 256 MiB, 5.7 times the full Fashion-MNIST training
   * images (47 MB). It bounds what any input file can make Hasten allocate: a split of this many
   * pixels takes 1 GiB as float32 on the device (docs/RELIABILITY.md, "Memory bound").
   */
  public static final long MAX_PAYLOAD_BYTES = 1L << 28;

  /**
   * The most a deflate stream can expand its input (zlib's documentation: 1032:1, reached by long
   * runs of one byte); a gzip file announcing more than this times its size is lying.
   */
  static final long MAX_DEFLATE_RATIO = 1032;

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private IdxReader() {}

  /** Reads an IDX image file. */
  public static IdxImages readImages(Path file) {
    return readImages(file, null);
  }

  /**
   * Reads an IDX image file of the split whose labels are {@code labels}: the header must announce
   * as many images as there are labels, which is checked before the pixels are read.
   */
  public static IdxImages readImages(Path file, IdxLabels labels) {
    try (InputStream in = open(file)) {
      return readImages(file.toString(), in, Files.size(file), labels);
    } catch (IOException e) {
      throw unreadable(file.toString(), e);
    }
  }

  /** Reads an IDX label file. */
  public static IdxLabels readLabels(Path file) {
    try (InputStream in = open(file)) {
      return readLabels(file.toString(), in, Files.size(file));
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
    return readImages(source, raw, null);
  }

  /**
   * Reads an IDX image file from a stream, which this method does not close; as {@link
   * #readImages(Path, IdxLabels)}.
   *
   * @param source the file's name as messages should show it
   * @param labels the split's labels, or null
   */
  public static IdxImages readImages(String source, InputStream raw, IdxLabels labels) {
    try {
      return readImages(source, raw, -1, labels);
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
      return readLabels(source, raw, -1);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
  }

  /**
   * @param fileSize the file's size in bytes, or -1 if unknown (a stream)
   */
  private static IdxImages readImages(
      String source, InputStream raw, long fileSize, IdxLabels labels) throws IOException {
    Payload in = Payload.open(source, raw, fileSize);
    try {
      ByteBuffer header = readHeader(source, in.stream, 3, IMAGE_MAGIC, "image");
      int count = dimension(source, header, "image count", 0);
      int rows = dimension(source, header, "row count", 1);
      int cols = dimension(source, header, "column count", 1);
      if (labels != null && count != labels.count()) {
        throw new InvalidInputException(
            String.format(
                "%s holds %d images but %s holds %d labels; they must be of one split",
                source, count, labels.source(), labels.count()));
      }
      long announced = (long) count * rows * cols;
      String promise =
          String.format(
              Locale.ROOT, "%d images of %dx%d (%,d bytes)", count, rows, cols, announced);
      byte[] pixels = in.read(announced, promise, 16);
      return new IdxImages(source, count, rows, cols, pixels);
    } finally {
      in.close();
    }
  }

  private static IdxLabels readLabels(String source, InputStream raw, long fileSize)
      throws IOException {
    Payload in = Payload.open(source, raw, fileSize);
    try {
      ByteBuffer header = readHeader(source, in.stream, 1, LABEL_MAGIC, "label");
      int count = dimension(source, header, "label count", 0);
      byte[] labels = in.read(count, count + " labels", 8);
      return new IdxLabels(source, labels);
    } finally {
      in.close();
    }
  }

  private static InputStream open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + " is a folder, not an IDX file");
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file", e);
    }
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

  /** A file's content after its gzip layer, if any, and what its size allows it to hold. */
  private static final class Payload {
    final String source;
    final InputStream stream;
    final long fileSize;
    final boolean gzipped;

    private Payload(String source, InputStream stream, long fileSize, boolean gzipped) {
      this.source = source;
      this.stream = stream;
      this.fileSize = fileSize;
      this.gzipped = gzipped;
    }

    /** Peeks at the first two bytes: gzip data is inflated on the fly, anything else read as is. */
    static Payload open(String source, InputStream raw, long fileSize) throws IOException {
      BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
        return new Payload(source, new GzipMembers(in, BUFFER), fileSize, true);
      }
      if (source.endsWith(".gz")) {
        throw new InvalidInputException(
            source + " is not gzip data (a .gz file starts with the bytes 1f 8b)");
      }
      return new Payload(source, in, fileSize, false);
    }

    /**
     * Reads the {@code announced} bytes after a header of {@code headerBytes}, once they are known
     * to fit, and checks that nothing follows.
     */
    byte[] read(long announced, String promise, int headerBytes) throws IOException {
      requireFits(announced, promise, headerBytes);
      byte[] payload = new byte[(int) announced];
      int held = stream.readNBytes(payload, 0, payload.length);
      if (held < announced) {
        throw new InvalidInputException(
            String.format(
                "%s is truncated: the header announces %s but the file holds %d bytes after the"
                    + " header",
                source, promise, held));
      }
      long extra = stream.transferTo(OutputStream.nullOutputStream());
      if (extra > 0) {
        throw new InvalidInputException(
            String.format(
                "%s is longer than its header says: the header announces %s but the file holds"
                    + " %d bytes after the header",
                source, promise, announced + extra));
      }
      return payload;
    }

    private void requireFits(long announced, String promise, int headerBytes) {
      if (announced > MAX_PAYLOAD_BYTES) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s announces %s, more than the %,d bytes an IDX file may hold here",
                source,
                promise,
                MAX_PAYLOAD_BYTES));
      }
      if (fileSize < 0) {
        return;
      }
      if (!gzipped && announced != fileSize - headerBytes) {
        String what =
            announced > fileSize - headerBytes ? "truncated" : "longer than its header says";
        throw new InvalidInputException(
            String.format(
                "%s is %s: the header announces %s but the file holds %d bytes after the header",
                source, what, promise, fileSize - headerBytes));
      }
      if (gzipped && announced + headerBytes > MAX_DEFLATE_RATIO * fileSize) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s announces %s, more than its %,d bytes of gzip data can hold (deflate expands"
                    + " at most %d times): the header is wrong",
                source,
                promise,
                fileSize,
                MAX_DEFLATE_RATIO));
      }
    }

    void close() {
      if (stream instanceof GzipMembers) {
        ((GzipMembers) stream).close();
      }
    }
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
