package dev.hasten.runtime.data;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One split's decoded images on disk (docs/DATA.md). All integers little-endian:
 *
 * <pre>
 *   8 bytes   magic "HSTNIMGS"
 *   int32     format version (1)
 *   int32     0 (reserved; the pixels start at byte 16)
 *   N·C·H·W   pixels, uint8, image after image, each channel-major (CHW)
 *   4·N       labels, int32
 *   M bytes   metadata, UTF-8 JSON (count, shape, classes, key, statistics, skipped files)
 *   int32     M
 *   int64     CRC-32C of every byte before it
 * </pre>
 *
 * <p>The metadata is at the end because the count, the statistics and the skipped files are known
 * only once every image is decoded; the fixed-size tail says where it starts. Writing is atomic, as
 * for checkpoints: a temporary file in the same folder, fsync, rename, fsync of the folder; a crash
 * or a full disk at any point leaves the previous cache or none, never a partial one.
 */
public final class ImageCacheFile {
  static final byte[] MAGIC = "HSTNIMGS".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** Magic, version, reserved. */
  static final int HEAD = 16;

  /** Metadata length and checksum. */
  static final int TAIL = 12;

  /** The largest region mapped at once (a {@link MappedByteBuffer} holds under 2 GiB). */
  static final long MAX_MAP = 1L << 30;

  /** Opens the channel a cache is written through; tests substitute one that fills the disk. */
  @FunctionalInterface
  public interface ChannelOpener {
    FileChannel open(Path path) throws IOException;
  }

  static final ChannelOpener FILES =
      path -> FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  /** A cache that fails its checks: the message says what is wrong, without the file's name. */
  public static final class DamagedCacheException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedCacheException(String message) {
      super(message);
    }
  }

  private ImageCacheFile() {}

  /**
   * Writes a cache in order: {@link Writer#images} as often as needed, then {@link Writer#finish}.
   * Until {@code finish} returns, nothing exists under {@code target}'s name.
   */
  static Writer create(Path target, ChannelOpener opener) throws IOException {
    removeAbandonedTemporaries(target);
    Path tmp =
        target.resolveSibling(
            "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(tmp);
    FileChannel channel;
    try {
      channel = opener.open(tmp);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Writer writer = new Writer(target, tmp, channel);
    ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).putInt(VERSION).putInt(0).flip();
    writer.write(head);
    return writer;
  }

  /** Temporaries of this cache left by processes that no longer run (killed mid-build). */
  private static void removeAbandonedTemporaries(Path target) throws IOException {
    String prefix = "." + target.getFileName() + ".";
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(target.getParent(), prefix + "*.tmp")) {
      for (Path entry : entries) {
        String pid = entry.getFileName().toString().substring(prefix.length()).replace(".tmp", "");
        try {
          if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
            Files.deleteIfExists(entry);
          }
        } catch (NumberFormatException e) {
          // Not one of ours.
        }
      }
    }
  }

  /** Writes one cache file through a temporary; {@link #abort} removes the temporary. */
  static final class Writer implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private boolean done;

    private Writer(Path target, Path tmp, FileChannel channel) {
      this.target = target;
      this.tmp = tmp;
      this.channel = channel;
    }

    /** Appends {@code length} bytes of pixels. */
    void images(byte[] pixels, int length) throws IOException {
      write(ByteBuffer.wrap(pixels, 0, length));
    }

    /** Appends the labels and the metadata, syncs, and renames the file into place. */
    void finish(int[] labels, JsonObject metadata) throws IOException {
      ByteBuffer labelBytes = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
      labelBytes.asIntBuffer().put(labels);
      write(labelBytes);
      byte[] json = metadata.toString().getBytes(StandardCharsets.UTF_8);
      write(ByteBuffer.wrap(json));
      ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length);
      write(length.flip());
      ByteBuffer checksum =
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue());
      writeFully(checksum.flip());
      channel.force(true);
      channel.close();
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      syncFolder(target.getParent());
    }

    private void write(ByteBuffer buffer) throws IOException {
      crc.update(buffer.duplicate());
      writeFully(buffer);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    /** Closes and deletes the temporary (after a failure); the target is untouched. */
    void abort() {
      try {
        channel.close();
      } catch (IOException e) {
        // Deleting is what matters.
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // A leftover temporary is removed by the next build.
      }
    }

    @Override
    public void close() {
      if (!done) {
        abort();
      }
    }
  }

  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be opened for fsync; the rename itself is atomic.
    }
  }

  /**
   * Opens a cache memory-mapped, checking its structure and, if {@code verify}, its checksum (one
   * sequential read of the file, through the page cache).
   *
   * @throws DamagedCacheException if it is truncated, not a cache, of another format, or damaged
   */
  static CachedImages open(Path file, boolean verify) throws IOException {
    return open(file, verify, MAX_MAP);
  }

  /** As {@link #open(Path, boolean)}, mapping at most {@code maxMap} bytes per region. */
  static CachedImages open(Path file, boolean verify, long maxMap) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEAD + TAIL) {
        throw new DamagedCacheException("it is truncated (" + size + " bytes)");
      }
      ByteBuffer head = read(channel, 0, HEAD);
      byte[] magic = new byte[MAGIC.length];
      head.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new DamagedCacheException("it is not a Hasten image cache (wrong magic bytes)");
      }
      int version = head.getInt();
      if (version != VERSION) {
        throw new DamagedCacheException(
            "it has image cache format version "
                + version
                + "; this Hasten reads version "
                + VERSION);
      }
      ByteBuffer tail = read(channel, size - TAIL, TAIL);
      int metadataLength = tail.getInt();
      long storedCrc = tail.getLong();
      if (metadataLength < 2 || metadataLength > size - HEAD - TAIL) {
        throw new DamagedCacheException(
            "it is truncated or damaged (metadata length " + metadataLength + ")");
      }
      JsonObject metadata;
      try {
        ByteBuffer json = read(channel, size - TAIL - metadataLength, metadataLength);
        metadata =
            JsonParser.parseString(StandardCharsets.UTF_8.decode(json).toString())
                .getAsJsonObject();
      } catch (RuntimeException e) {
        throw new DamagedCacheException("its metadata is unreadable");
      }
      CacheMetadata meta = CacheMetadata.fromJson(metadata);
      long pixelBytes = meta.count() * (long) meta.imageBytes();
      long expected = HEAD + pixelBytes + 4L * meta.count() + metadataLength + TAIL;
      if (size != expected) {
        throw new DamagedCacheException(
            "it is truncated or damaged ("
                + size
                + " bytes; its metadata promise "
                + expected
                + ")");
      }
      List<MappedByteBuffer> chunks = new ArrayList<>();
      long perChunk = Math.max(1, maxMap / meta.imageBytes());
      for (long first = 0; first < meta.count(); first += perChunk) {
        long images = Math.min(perChunk, meta.count() - first);
        chunks.add(
            channel.map(
                FileChannel.MapMode.READ_ONLY,
                HEAD + first * meta.imageBytes(),
                images * meta.imageBytes()));
      }
      ByteBuffer labelBytes = read(channel, HEAD + pixelBytes, 4 * meta.count());
      int[] labels = new int[meta.count()];
      labelBytes.asIntBuffer().get(labels);
      if (verify) {
        CRC32C crc = new CRC32C();
        crc.update(read(channel, 0, HEAD));
        // Positional reads, not the mapping: pages of a mapping that this process touched count
        // in its resident set, and a streamed run's memory must not start at the cache's size.
        long rest = size - 8 - HEAD;
        for (long at = HEAD; rest > 0; ) {
          int n = (int) Math.min(rest, 1 << 24);
          crc.update(read(channel, at, n));
          at += n;
          rest -= n;
        }
        if (crc.getValue() != storedCrc) {
          throw new DamagedCacheException("it is damaged (checksum mismatch)");
        }
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= meta.classes().size()) {
          throw new DamagedCacheException(
              "it is damaged (label " + labels[i] + " at image " + i + ")");
        }
      }
      return new CachedImages(file, meta, chunks, perChunk, labels);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new DamagedCacheException("it is truncated");
      }
    }
    return buffer.flip();
  }
}
