package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Some examples of a split, by position (data pruning keeps the hardest): a view that maps its
 * indices through the kept positions and reads through the split it views, so it costs no copy on
 * either path and a streamed split stays streamed.
 */
final class SubsetData implements SplitData {
  private final SplitData whole;
  private final long[] kept;

  SubsetData(SplitData whole, long[] kept) {
    for (long k : kept) {
      if (k < 0 || k >= whole.size()) {
        throw new IllegalArgumentException("example " + k + " of a split of " + whole.size());
      }
    }
    this.whole = whole;
    this.kept = kept.clone();
  }

  private long[] map(long[] indices) {
    long[] mapped = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      mapped[i] = kept[Math.toIntExact(indices[i])];
    }
    return mapped;
  }

  @Override
  public long size() {
    return kept.length;
  }

  @Override
  public Shape imageShape() {
    return whole.imageShape();
  }

  @Override
  public Batch gather(NDManager into, long[] indices) {
    return whole.gather(into, map(indices));
  }

  @Override
  public Reader read(long[] order, int batchSize, long first, long end) {
    return whole.read(map(order), batchSize, first, end);
  }

  @Override
  public String fingerprint() {
    return whole.fingerprint() + ",kept:" + kept.length;
  }

  @Override
  public Residency residency() {
    return whole.residency();
  }

  @Override
  public long skippedImages() {
    return whole.skippedImages();
  }

  @Override
  public void close() {
    whole.close();
  }
}
