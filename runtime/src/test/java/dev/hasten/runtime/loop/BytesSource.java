package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.data.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Images held in a byte array, {@code C·H·W} bytes each: an {@link ImageSource} whose reads a test
 * can count, slow down and break ({@link #failFrom}).
 */
class BytesSource implements ImageSource {
  final byte[] pixels;
  final int[] labels;
  final Shape imageShape;
  final AtomicInteger reads = new AtomicInteger();

  /** Reads from the n-th on (counted from 1) throw; 0 for never. */
  volatile int failFrom;

  BytesSource(byte[] pixels, int[] labels, Shape imageShape) {
    this.pixels = pixels;
    this.labels = labels;
    this.imageShape = imageShape;
  }

  /**
   * {@code n} images of {@code c×h×w} with pixel {@code j} of image {@code i} = (7i + j) mod 256.
   */
  static BytesSource ramp(int n, int c, int h, int w) {
    int size = c * h * w;
    byte[] pixels = new byte[n * size];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < size; j++) {
        pixels[i * size + j] = (byte) ((7 * i + j) % 256);
      }
      labels[i] = i % 3;
    }
    return new BytesSource(pixels, labels, new Shape(c, h, w));
  }

  int imageBytes() {
    return (int) imageShape.size();
  }

  @Override
  public long size() {
    return labels.length;
  }

  @Override
  public Shape imageShape() {
    return imageShape;
  }

  @Override
  public List<String> classNames() {
    return List.of("a", "b", "c");
  }

  @Override
  public NDArray gatherImages(NDManager manager, long[] indices) {
    ByteBuffer all = ByteBuffer.allocateDirect(indices.length * imageBytes());
    try {
      readImages(indices, all);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return manager.create(
        all.rewind(), new Shape(indices.length).addAll(imageShape), DataType.UINT8);
  }

  @Override
  public NDArray gatherLabels(NDManager manager, long[] indices) {
    long[] picked = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      picked[i] = labels[(int) indices[i]];
    }
    return manager.create(picked);
  }

  @Override
  public void readImages(long[] indices, ByteBuffer into) throws IOException {
    int n = reads.incrementAndGet();
    if (failFrom > 0 && n >= failFrom) {
      throw new IOException("read " + n + " failed");
    }
    for (long index : indices) {
      into.put(pixels, (int) index * imageBytes(), imageBytes());
    }
  }

  @Override
  public int label(long index) {
    return labels[(int) index];
  }

  @Override
  public String fingerprint() {
    return "bytes:" + pixels.length;
  }

  @Override
  public String toString() {
    return "the test's " + labels.length + " images";
  }
}
