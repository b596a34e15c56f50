package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.data.ImageDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole split held as two tensors on the training device, so that a batch is one index
 * gather rather than per-item Java work. Hasten's own {@link ImageDataset} already is; any
 * other DJL {@link Dataset} is read through once and concatenated.
 */
final class ResidentData {
  private final NDArray images;
  private final NDArray labels;

  private ResidentData(NDArray images, NDArray labels) {
    this.images = images;
    this.labels = labels;
  }

  static ResidentData of(NDArray images, NDArray labels) {
    return new ResidentData(images, labels);
  }

  static ResidentData of(Dataset dataset, NDManager manager) {
    if (dataset instanceof ImageDataset) {
      ImageDataset resident = (ImageDataset) dataset;
      return new ResidentData(resident.images(), resident.labels());
    }
    return readThrough(dataset, manager);
  }

  private static ResidentData readThrough(Dataset dataset, NDManager manager) {
    List<NDArray> images = new ArrayList<>();
    List<NDArray> labels = new ArrayList<>();
    try (NDManager scratch = manager.newSubManager()) {
      for (Batch batch : dataset.getData(scratch)) {
        images.add(batch.getData().head());
        labels.add(batch.getLabels().head());
      }
      if (images.isEmpty()) {
        throw new InvalidInputException("the data set " + dataset + " yielded no batches");
      }
      NDArray allImages = NDArrays.concat(new NDList(images)).toType(DataType.FLOAT32, false);
      NDArray allLabels = NDArrays.concat(new NDList(labels)).toType(DataType.INT64, false);
      allImages.attach(manager);
      allLabels.attach(manager);
      return new ResidentData(allImages, allLabels.reshape(-1));
    } catch (IOException | TranslateException e) {
      throw new InvalidInputException("cannot read the data set " + dataset + ": " + e.getMessage(), e);
    }
  }

  NDArray images() {
    return images;
  }

  NDArray labels() {
    return labels;
  }

  long size() {
    return labels.getShape().get(0);
  }
}
