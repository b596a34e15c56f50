package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * The honest baseline every speedup must beat: the catalog's small CNN, SGD with momentum and a
 * cosine schedule, no speedups. Its fewer-epoch versions (same schedule, shorter) make the frontier
 * that speedups are judged against.
 */
@Pipeline(epochs = 8, batchSize = 128, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
@CosineLr(warmupFraction = 0)
public class FashionBaseline {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }

  @EvalData
  Dataset eval(Datasets data) {
    return data.fashionMnist(Split.TEST);
  }
}
