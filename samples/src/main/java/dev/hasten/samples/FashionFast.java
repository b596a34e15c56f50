package dev.hasten.samples;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import dev.hasten.dsl.EvalData;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.OneCycleLr;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.Split;
import dev.hasten.dsl.TrainData;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

/**
 * The fastest way to 92% test accuracy on Fashion-MNIST that we found on a 2-core CPU: the
 * catalog's compact CNN, a one-cycle schedule at twice the baseline's peak rate, label smoothing
 * and a short weight average, for 5 epochs. Measured by {@code ./hasten frontier} (docs/
 * BENCHMARKS.md): 92.04% after 74.5 s of training, where the FashionBaseline frontier needs
 * 251.1 s to reach 92% (3.4×).
 *
 * <p>Why each part (docs/BENCHMARKS.md has the ablation that removes one at a time): on a CPU the
 * step is compute-bound, so the largest saving is a model that does about half the work per image
 * ({@link dev.hasten.runtime.model.Models#compactCnn}); one-cycle's warm-up lets a short run use a
 * high rate and its long anneal settles it; label smoothing and an EMA with a 20-step half-life
 * add accuracy at the end of a short run for almost no time per step.
 */
@Pipeline(epochs = 5, batchSize = 128, seed = 42)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.1, momentum = 0.9, weightDecay = 5e-4)
@OneCycleLr(warmupFraction = 0.25)
@LabelSmoothing(0.1)
@Ema(halfLifeSteps = 20)
public class FashionFast {
  @Model(traits = {Trait.CONV2D, Trait.BATCH_NORM, Trait.MAX_POOL})
  Block model(Models models) {
    return models.compactCnn(10);
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
