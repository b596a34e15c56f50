package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageSource;
import dev.hasten.runtime.data.Normalisation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The streamed {@link SplitData}: the split stays in its image cache, and each batch is read from
 * it as unsigned bytes, uploaded, and converted and normalised on the device ({@link
 * Normalisation#apply}, the very arithmetic the resident path applies to the whole split, so a
 * batch holds the same floats on either path).
 *
 * <p>A pass ({@link #read}) is read ahead by a background thread ({@link PrefetchingReader}), at
 * most {@link #PREFETCH_BATCHES} batches ahead; a single {@link #gather} reads on the caller's
 * thread. Either way the bytes come through {@link ImageSource#readImages}, whose cache
 * implementation reads with positional file reads rather than through its memory mapping, so that
 * what the run holds is bounded by the prefetch queue, not by the pages of the cache it has touched
 * (docs/DATA.md).
 */
final class StreamedData implements SplitData {
  /** Batches a background reader holds at most, read ahead of the step that needs them. */
  static final int PREFETCH_BATCHES = 4;

  private final ImageSource source;
  private final Normalisation normalisation;
  private final int prefetch;
  private final List<PrefetchingReader> readers = new ArrayList<>();

  StreamedData(ImageSource source, Normalisation normalisation) {
    this(source, normalisation, PREFETCH_BATCHES);
  }

  StreamedData(ImageSource source, Normalisation normalisation, int prefetch) {
    if (prefetch < 1) {
      throw new IllegalArgumentException(
          "a reader must read at least 1 batch ahead, got " + prefetch);
    }
    this.source = source;
    this.normalisation = normalisation;
    this.prefetch = prefetch;
  }

  @Override
  public long size() {
    return source.size();
  }

  @Override
  public Shape imageShape() {
    return source.imageShape();
  }

  /** The bytes of one stored image. */
  int imageBytes() {
    return Math.toIntExact(source.imageShape().size());
  }

  @Override
  public Batch gather(NDManager into, long[] indices) {
    ByteBuffer pixels = into.allocateDirect(Math.multiplyExact(indices.length, imageBytes()));
    try {
      source.readImages(indices, pixels);
    } catch (IOException e) {
      throw unreadable(source, e);
    }
    return upload(into, indices, pixels.rewind());
  }

  /**
   * The batch of {@code indices} whose pixels are in {@code pixels}, on {@code into}'s device; the
   * buffer may be reused as soon as this returns.
   */
  Batch upload(NDManager into, long[] indices, ByteBuffer pixels) {
    Shape shape = new Shape(indices.length).addAll(source.imageShape());
    NDArray inputs;
    // The engine may take a direct buffer as the array's memory; the float conversion copies it,
    // and the uint8 array is closed before the buffer is handed back.
    try (NDArray bytes = into.create(pixels, shape, DataType.UINT8)) {
      inputs = normalisation.apply(bytes);
    }
    long[] labels = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      labels[i] = source.label(indices[i]);
    }
    return new Batch(inputs, into.create(labels));
  }

  /** The one-line error a failed read ends the run with. */
  static InvalidInputException unreadable(ImageSource source, Throwable cause) {
    return new InvalidInputException(
        "cannot read the images of " + source + ": " + cause.getMessage(), cause);
  }

  @Override
  public synchronized Reader read(long[] order, int batchSize, long first, long end) {
    readers.removeIf(PrefetchingReader::closed);
    PrefetchingReader reader =
        PrefetchingReader.start(this, source, order, batchSize, first, end, prefetch);
    readers.add(reader);
    return reader;
  }

  @Override
  public String fingerprint() {
    return source.fingerprint();
  }

  @Override
  public Residency residency() {
    return Residency.STREAMED;
  }

  @Override
  public long skippedImages() {
    return source.skippedImages();
  }

  /** Stops every reader still reading ahead. */
  @Override
  public synchronized void close() {
    readers.forEach(PrefetchingReader::close);
    readers.clear();
  }

  @Override
  public String toString() {
    return "streamed " + source;
  }
}
