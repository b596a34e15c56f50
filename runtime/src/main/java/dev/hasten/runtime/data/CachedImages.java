package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A split read from its image cache, memory-mapped: the pixels stay in the file and the OS page
 * cache, and a batch is copied straight from the mapping into one buffer that the engine takes.
 * Nothing is decoded. Made by {@link ImageFolderData}; safe for concurrent readers.
 *
 * <p>{@link #readImages}, the streamed path's read, does not go through the mapping but reads the
 * file with positional {@link FileChannel} reads, through the page cache into the caller's buffer.
 * Pages of a mapping that a process has touched count in its resident set (RSS) for as long as the
 * kernel leaves them mapped, so a run streaming a cache larger than memory through the mapping
 * would see its RSS grow towards the file's size; pages read with {@code pread} stay in the
 * kernel's page cache, which the kernel reclaims under pressure and which does not count against
 * the process. The resident path's one bulk upload ({@link #allImages}) still uses the mapping: it
 * keeps the whole split in memory anyway.
 */
public final class CachedImages implements ImageSource, AutoCloseable {
  private final Path file;
  private final CacheMetadata metadata;
  private final List<MappedByteBuffer> chunks;
  private final long imagesPerChunk;
  private final int[] labels;

  /** The file opened for positional reads on first use; null before (and after close). */
  private FileChannel channel;

  CachedImages(
      Path file,
      CacheMetadata metadata,
      List<MappedByteBuffer> chunks,
      long imagesPerChunk,
      int[] labels) {
    this.file = file;
    this.metadata = metadata;
    this.chunks = List.copyOf(chunks);
    this.imagesPerChunk = imagesPerChunk;
    this.labels = labels;
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  @Override
  public long size() {
    return metadata.count();
  }

  @Override
  public Shape imageShape() {
    return new Shape(metadata.channels(), metadata.height(), metadata.width());
  }

  @Override
  public List<String> classNames() {
    return metadata.classes();
  }

  /** The per-channel statistics of these pixels (used for the training split's normalisation). */
  public Normalisation statistics() {
    return new Normalisation(metadata.mean(), metadata.std());
  }

  /** The files skipped as unreadable when the cache was built, each with its reason. */
  public List<String> skipped() {
    return metadata.skipped();
  }

  /** Whether the cache was built from the folder contents that {@code key} fingerprints. */
  boolean keyMatches(String key) {
    return metadata.key().equals(key);
  }

  @Override
  public int label(long index) {
    return labels[Math.toIntExact(index)];
  }

  @Override
  public String fingerprint() {
    return "cache:" + metadata.key();
  }

  @Override
  public long skippedImages() {
    return metadata.skipped().size();
  }

  @Override
  public void readImages(long[] indices, ByteBuffer into) throws IOException {
    int imageBytes = metadata.imageBytes();
    FileChannel file = channel();
    int start = into.position();
    for (int i = 0; i < indices.length; i++) {
      long index = indices[i];
      if (index < 0 || index >= metadata.count()) {
        throw new IndexOutOfBoundsException("image " + index + " of " + metadata.count());
      }
      int to = start + i * imageBytes;
      ByteBuffer image = into.duplicate();
      image.position(to).limit(to + imageBytes);
      long at = ImageCacheFile.HEAD + index * imageBytes;
      while (image.hasRemaining()) {
        // Positional reads: no shared file position, so concurrent readers need no lock.
        if (file.read(image, at + image.position() - to) < 0) {
          throw new IOException(
              "the image cache "
                  + this.file
                  + " ends before image "
                  + index
                  + " (truncated while in use?)");
        }
      }
    }
    into.position(start + indices.length * imageBytes);
  }

  private synchronized FileChannel channel() throws IOException {
    // A thread interrupted in a read closes the channel for every reader: open it again.
    if (channel == null || !channel.isOpen()) {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    }
    return channel;
  }

  /** Closes the file that {@link #readImages} reads (the mapping is freed by the collector). */
  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was written through it; a failing close loses nothing.
      }
      channel = null;
    }
  }

  @Override
  public NDArray gatherImages(NDManager manager, long[] indices) {
    int imageBytes = metadata.imageBytes();
    ByteBuffer batch = manager.allocateDirect(Math.multiplyExact(indices.length, imageBytes));
    for (int i = 0; i < indices.length; i++) {
      long index = indices[i];
      if (index < 0 || index >= metadata.count()) {
        throw new IndexOutOfBoundsException("image " + index + " of " + metadata.count());
      }
      ByteBuffer chunk = chunks.get((int) (index / imagesPerChunk));
      int offset = (int) (index % imagesPerChunk) * imageBytes;
      batch.put(i * imageBytes, chunk, offset, imageBytes);
    }
    return manager.create(batch, new Shape(indices.length).addAll(imageShape()), DataType.UINT8);
  }

  @Override
  public NDArray gatherLabels(NDManager manager, long[] indices) {
    long[] picked = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = labels[Math.toIntExact(indices[i])];
    }
    return manager.create(picked);
  }

  /**
   * Every image, uint8 {@code [size, channels, height, width]}, one bulk copy per mapped region.
   */
  public NDArray allImages(NDManager manager) {
    NDList parts = new NDList();
    long first = 0;
    for (MappedByteBuffer chunk : chunks) {
      long count = Math.min(imagesPerChunk, metadata.count() - first);
      // The engine may keep the mapping itself as the array's memory; a copy keeps a read-only
      // mapping out of reach of in-place operations.
      try (NDArray mapped =
          manager.create(
              chunk.duplicate(), new Shape(count).addAll(imageShape()), DataType.UINT8)) {
        parts.add(mapped.duplicate());
      }
      first += count;
    }
    if (parts.isEmpty()) {
      return manager.create(new Shape(0).addAll(imageShape()), DataType.UINT8);
    }
    if (parts.size() == 1) {
      return parts.head();
    }
    NDArray all = NDArrays.concat(parts);
    parts.close();
    return all;
  }

  /** Every label, int64 {@code [size]}. */
  public NDArray allLabels(NDManager manager) {
    long[] all = new long[labels.length];
    for (int i = 0; i < labels.length; i++) {
      all[i] = labels[i];
    }
    return manager.create(all);
  }

  @Override
  public String toString() {
    return metadata.count() + " images of " + metadata.source() + " cached in " + file;
  }
}
