package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.data.ImageSourceDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident {@link SplitData}: a whole split held as two tensors on the training device, so that
 * a batch is one index gather rather than per-item Java work. Hasten's own {@link ImageDataset}
 * already is; a split of an image cache is uploaded in one bulk copy and normalised there; any
 * other DJL {@link Dataset} is read through once and concatenated.
 */
final class ResidentData implements SplitData {
  private final NDArray images;
  private final NDArray labels;

  /** The image cache's fingerprint when the split came from one; null to compute it here. */
  private final String cacheFingerprint;

  private final long skippedImages;

  private ResidentData(
      NDArray images, NDArray labels, String cacheFingerprint, long skippedImages) {
    this.images = images;
    this.labels = labels;
    this.cacheFingerprint = cacheFingerprint;
    this.skippedImages = skippedImages;
  }

  static ResidentData of(NDArray images, NDArray labels) {
    return new ResidentData(images, labels, null, 0);
  }

  static ResidentData of(Dataset dataset, NDManager manager) {
    if (dataset instanceof ImageDataset) {
      ImageDataset resident = (ImageDataset) dataset;
      return of(resident.images(), resident.labels());
    }
    if (dataset instanceof ImageSourceDataset) {
      ImageSourceDataset cached = (ImageSourceDataset) dataset;
      ImageDataset resident = cached.resident(manager);
      return new ResidentData(
          resident.images(),
          resident.labels(),
          cached.source().fingerprint(),
          cached.source().skippedImages());
    }
    return readThrough(dataset, manager);
  }

  /**
   * Reads {@code dataset} through once. DJL's iterator puts its batches in a manager of its own
   * and, at the end of the iteration, closes it (unless {@code ai.djl.dataiterator.autoclose} is
   * false): every batch it handed out is released then. So each batch's arrays move into this
   * method's scratch manager as they arrive, and the rest of the batch is freed at once.
   */
  private static ResidentData readThrough(Dataset dataset, NDManager manager) {
    List<NDArray> images = new ArrayList<>();
    List<NDArray> labels = new ArrayList<>();
    try (NDManager scratch = manager.newSubManager()) {
      for (ai.djl.training.dataset.Batch batch : dataset.getData(scratch)) {
        try (batch) {
          images.add(keep(batch.getData().head(), scratch));
          labels.add(keep(batch.getLabels().head(), scratch));
        }
      }
      if (images.isEmpty()) {
        throw new InvalidInputException("the data set " + dataset + " yielded no batches");
      }
      NDArray concatenated = NDArrays.concat(new NDList(images));
      // Integer inputs are token ids (windows of text), kept as int64; anything else is pixels.
      DataType type = concatenated.getDataType();
      boolean tokens = type == DataType.INT64 || type == DataType.INT32;
      NDArray allImages =
          concatenated
              .toType(tokens ? DataType.INT64 : DataType.FLOAT32, false)
              .toDevice(manager.getDevice(), false);
      NDArray allLabels =
          NDArrays.concat(new NDList(labels))
              .toType(DataType.INT64, false)
              .toDevice(manager.getDevice(), false);
      // A label per example ([n] or [n, 1]) becomes [n]; a label per position ([n, T]) stays.
      if (allLabels.getShape().dimension() != 2 || allLabels.getShape().get(1) == 1) {
        allLabels = allLabels.reshape(-1);
      }
      allImages.attach(manager);
      allLabels.attach(manager);
      return of(allImages, allLabels);
    } catch (IOException | TranslateException e) {
      throw new InvalidInputException(
          "cannot read the data set " + dataset + ": " + e.getMessage(), e);
    }
  }

  /** Moves {@code array} out of the iterator's manager into {@code into}. */
  private static NDArray keep(NDArray array, NDManager into) {
    array.attach(into);
    return array;
  }

  NDArray images() {
    return images;
  }

  NDArray labels() {
    return labels;
  }

  @Override
  public long size() {
    return labels.getShape().get(0);
  }

  @Override
  public Shape imageShape() {
    return images.getShape().slice(1);
  }

  @Override
  public Batch gather(NDManager into, long[] indices) {
    NDIndex picked = new NDIndex("{}", into.create(indices));
    return new Batch(images.get(into, picked), labels.get(into, picked));
  }

  @Override
  public Residency residency() {
    return Residency.RESIDENT;
  }

  @Override
  public long skippedImages() {
    return skippedImages;
  }

  /**
   * What tells this data from other data of the same size, in exact integer arithmetic (so that
   * thread counts and devices agree): {@code Σ (label_i + 1)·(i + 1)} over the examples, and how
   * many pixels are above zero after normalisation. Checkpoints record it, so that a run is never
   * resumed on other data, while a data folder that merely moved still resumes. A split of an image
   * cache has the cache's fingerprint instead, the same on the streamed path.
   */
  @Override
  public String fingerprint() {
    if (cacheFingerprint != null) {
      return cacheFingerprint;
    }
    try (NDManager scratch = labels.getManager().newSubManager()) {
      NDArray positions = scratch.arange(1, (int) size() + 1).toType(DataType.INT64, false);
      NDArray ownLabels = labels.toType(DataType.INT64, true);
      ownLabels.attach(scratch);
      if (ownLabels.getShape().dimension() > 1) {
        // Labels per position (windows of text): each example's labels are summed first.
        ownLabels = ownLabels.reshape(size(), -1).sum(new int[] {1});
      }
      NDArray weighted = ownLabels.add(1).mul(positions);
      long labelSum = weighted.sum().getLong();
      NDArray bright = images.gt(0f);
      bright.attach(scratch);
      long brightPixels = bright.countNonzero().getLong(); // no int64 copy of every pixel
      return "labels:" + labelSum + ",pixels:" + brightPixels;
    }
  }
}
