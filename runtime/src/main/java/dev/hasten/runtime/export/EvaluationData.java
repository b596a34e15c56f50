package dev.hasten.runtime.export;

import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.ImageDataset;

/**
 * Where {@code hasten evaluate} finds labelled images for a model: a source gives its test split,
 * normalised and labelled as the model's description says. IDX files are the source today; an
 * image-folder source implements the same method.
 */
public interface EvaluationData {
  /**
   * The labelled images, in {@code manager}.
   *
   * @throws dev.hasten.runtime.InvalidInputException if they are missing or malformed
   */
  ImageDataset split(ModelDescription description, NDManager manager);

  /**
   * The IDX test split ({@code t10k-*.gz}) in {@code folder}, or where training looks for it when
   * {@code folder} is null ({@code $HASTEN_DATA}, the system folder, the embedded subset).
   */
  static EvaluationData idx(java.nio.file.Path folder) {
    return (description, manager) ->
        Datasets.idxSplit(
            DataLocation.fromFlag(folder),
            Split.TEST,
            description.classNames(),
            description.normalisation(),
            manager);
  }
}
