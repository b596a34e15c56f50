package dev.hasten.samples;

import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.runtime.data.Datasets;

/**
 * Not a pipeline: the data of the samples that train on the image folder {@code --data} names, its
 * training split and its test split, for pipelines to inherit with their model (see {@link
 * SyntheticStream}). The methods are public so that a pipeline in any package may inherit them: the
 * generated module, in the pipeline's package, calls them.
 */
public abstract class FolderData {
  @TrainData
  public Dataset train(Datasets data) {
    return data.images(Split.TRAIN);
  }

  @EvalData
  public Dataset eval(Datasets data) {
    return data.images(Split.TEST);
  }
}
