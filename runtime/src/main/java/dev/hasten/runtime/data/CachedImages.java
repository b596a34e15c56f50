package dev.hasten.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A split read from its image cache, memory-mapped: the pixels stay in the file and the OS page
 * cache, and a batch is copied straight from the mapping into one buffer that the engine takes.
 * Nothing is decoded. Made by {@link ImageFolderData}; safe for concurrent readers.
 */
public final class CachedImages implements ImageSource {
  private final Path file;
  private final CacheMetadata metadata;
  private final List<MappedByteBuffer> chunks;
  private final long imagesPerChunk;
  private final int[] labels;

  CachedImages(
      Path file, CacheMetadata metadata, List<MappedByteBuffer> chunks, long imagesPerChunk, int[] labels) {
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

  /** The label of image {@code index}. */
  public int label(long index) {
    return labels[Math.toIntExact(index)];
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

  /** Every image, uint8 {@code [size, channels, height, width]}, one bulk copy per mapped region. */
  public NDArray allImages(NDManager manager) {
    NDList parts = new NDList();
    long first = 0;
    for (MappedByteBuffer chunk : chunks) {
      long count = Math.min(imagesPerChunk, metadata.count() - first);
      // The engine may keep the mapping itself as the array's memory; a copy keeps a read-only
      // mapping out of reach of in-place operations.
      try (NDArray mapped =
          manager.create(chunk.duplicate(), new Shape(count).addAll(imageShape()), DataType.UINT8)) {
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
