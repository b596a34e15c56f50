package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * A split of labelled images, or of text windows ({@link WindowData}), that the loop gathers
 * batches from by index: the training split that steps are drawn from, the evaluation split that is
 * scored in chunks, and what speedups that look at the whole split (data pruning's scoring, SWA's
 * BatchNorm re-estimation) read through.
 *
 * <p>Two implementations: {@link ResidentData} holds the split normalised on the device, so a batch
 * is one index gather; {@link StreamedData} leaves it in its image cache and a background reader
 * brings each batch in as it is needed. Which one a run gets is decided by {@link DataPaths} from
 * the memory budget; everything that reads a split goes through this interface, so every speedup
 * runs on either.
 *
 * <p>A batch is always the same whatever the path: the images at the given indices, in that order,
 * as float32 NCHW normalised by {@link dev.hasten.runtime.data.Normalisation#apply}, and their
 * labels as int64. Only where the bytes wait differs.
 */
public interface SplitData extends AutoCloseable {
  /** Where a split lives while the run trains on it; {@code summary.json} names it. */
  enum Residency {
    /** Normalised on the training device, whole. */
    RESIDENT,
    /** In its image cache on disk, read batch by batch by a background reader. */
    STREAMED;

    /** {@code "resident"} or {@code "streamed"}, as {@code summary.json} writes it. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One batch, its arrays in the manager it was gathered into.
   *
   * @param inputs normalised float32 {@code [n, channels, height, width]}
   * @param labels int64 {@code [n]}
   */
  record Batch(NDArray inputs, NDArray labels) {}

  /** The batches of one pass, read in a fixed order: each {@link #next} is the following batch. */
  interface Reader extends AutoCloseable {
    /** The next batch, gathered into {@code into}. */
    Batch next(NDManager into);

    /** Stops reading ahead and frees what was read ahead; the reader cannot be used after. */
    @Override
    void close();
  }

  /**
   * A resident split of {@code images} (normalised float32 NCHW, on the training device) and {@code
   * labels} (int64), which stay owned by their manager.
   */
  static SplitData resident(NDArray images, NDArray labels) {
    return ResidentData.of(images, labels);
  }

  /** The number of examples. */
  long size();

  /**
   * The examples one epoch stands for: steps per epoch are these over the batch size. The size of
   * the split, except for text, whose epoch is a stated number of tokens ({@link WindowData}).
   */
  default long examplesPerEpoch() {
    return size();
  }

  /**
   * How a run draws its training batches from this split: in an epoch's shuffled order, except for
   * text, whose windows are drawn from the seed and the step ({@link RandomWindowBatches}).
   */
  default TrainingBatches batches(long seed, int batchSize) {
    return new ShuffledBatches(seed, batchSize);
  }

  /** One image's shape, {@code [channels, height, width]}. */
  Shape imageShape();

  /** The examples at {@code indices}, in that order, gathered into {@code into}. */
  Batch gather(NDManager into, long[] indices);

  /**
   * The batches {@code first} (from 0) up to {@code end} (exclusive) of a pass over the examples in
   * {@code order}, {@code batchSize} each (the last of the order may be short). The resident split
   * gathers each when asked; a streamed one reads ahead in the background.
   */
  default Reader read(long[] order, int batchSize, long first, long end) {
    return new GatheringReader(this, order, batchSize, first, end);
  }

  /**
   * What tells this split from other data of the same size, the same on either path: checkpoints
   * record it, so that a run is never resumed on other data.
   */
  String fingerprint();

  /** Where the split lives while the run trains on it. */
  Residency residency();

  /** The images left out of this split as unreadable when its cache was built (0 for others). */
  long skippedImages();

  /**
   * A view of the examples at {@code kept} (positions in this split), in that order: example {@code
   * i} of the view is example {@code kept[i]} here. It reads through this split, so it stays on
   * this split's path.
   */
  default SplitData subset(long[] kept) {
    return new SubsetData(this, kept);
  }

  /** Stops any reader of this split; the arrays of a resident split belong to their manager. */
  @Override
  default void close() {}
}
