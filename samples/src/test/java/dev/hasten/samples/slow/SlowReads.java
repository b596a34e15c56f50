package dev.hasten.samples.slow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.data.ImageSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An image source whose batch reads ({@link #readImages}, what the streamed path's background
 * reader calls) each sleep a fixed time first: a disk slower than the step, made on purpose.
 * Everything else is the wrapped source's.
 */
public final class SlowReads implements ImageSource {
  private final ImageSource source;
  private final long millisPerRead;

  public SlowReads(ImageSource source, long millisPerRead) {
    this.source = source;
    this.millisPerRead = millisPerRead;
  }

  @Override
  public void readImages(long[] indices, ByteBuffer into) throws IOException {
    try {
      Thread.sleep(millisPerRead);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while slowing a read");
    }
    source.readImages(indices, into);
  }

  @Override
  public long size() {
    return source.size();
  }

  @Override
  public Shape imageShape() {
    return source.imageShape();
  }

  @Override
  public List<String> classNames() {
    return source.classNames();
  }

  @Override
  public NDArray gatherImages(NDManager manager, long[] indices) {
    return source.gatherImages(manager, indices);
  }

  @Override
  public NDArray gatherLabels(NDManager manager, long[] indices) {
    return source.gatherLabels(manager, indices);
  }

  @Override
  public int label(long index) {
    return source.label(index);
  }

  @Override
  public String fingerprint() {
    return source.fingerprint();
  }

  @Override
  public long skippedImages() {
    return source.skippedImages();
  }

  @Override
  public String toString() {
    return "slow reads (" + millisPerRead + " ms each) of " + source;
  }
}
