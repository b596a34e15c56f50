package dev.hasten.samples.bench;

import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.LinearLr;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.samples.BaselineCnnOnFashion;
import dev.hasten.samples.CompactCnnOnFashion;

/**
 * {@code FashionFast} with one of its parts taken away at a time, for the ablation in
 * docs/BENCHMARKS.md: each class differs from {@code FashionFast} in exactly the part its name
 * says, and keeps its 4 epochs and seed. Run them on the frontier of {@code FashionFast}, with that
 * sweep's finished runs copied into the ablation's folder so that they are read back, not trained
 * again (docs/BENCHMARKS.md, "Ablation"):
 *
 * <pre>
 *   mkdir -p runs/ablation/runs
 *   cp -r runs/frontier/runs/FashionBaseline-* runs/frontier/runs/FashionFast-4ep runs/ablation/runs/
 *   ./hasten frontier FashionFast FastWithoutCompactCnn FastWithoutHighRate \
 *       FastWithoutLinearSchedule FastWithoutEma --baseline FashionBaseline \
 *       --budgets 1,2,4,8,16 --target 0.92 --out runs/ablation
 * </pre>
 *
 * Nested classes in one file, since each is FashionFast's five annotations and three one-line
 * methods; the processor generates a trainer for each as for any pipeline.
 */
public final class FastAblation {
  private FastAblation() {}

  /** The baseline's CNN instead of the compact one. */
  @Pipeline(epochs = 4, batchSize = 128, seed = 42)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.3, momentum = 0.9, weightDecay = 5e-4)
  @LinearLr(warmupFraction = 0.1)
  @Ema(halfLifeSteps = 20)
  public static class FastWithoutCompactCnn extends BaselineCnnOnFashion {}

  /** The baseline's peak rate (0.05) under the same linear warm-up and decay. */
  @Pipeline(epochs = 4, batchSize = 128, seed = 42)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @LinearLr(warmupFraction = 0.1)
  @Ema(halfLifeSteps = 20)
  public static class FastWithoutHighRate extends CompactCnnOnFashion {}

  /** The baseline's schedule shape (cosine, no warm-up) at the same peak rate. */
  @Pipeline(epochs = 4, batchSize = 128, seed = 42)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.3, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0)
  @Ema(halfLifeSteps = 20)
  public static class FastWithoutLinearSchedule extends CompactCnnOnFashion {}

  /** The raw weights evaluated, no moving average. */
  @Pipeline(epochs = 4, batchSize = 128, seed = 42)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.3, momentum = 0.9, weightDecay = 5e-4)
  @LinearLr(warmupFraction = 0.1)
  public static class FastWithoutEma extends CompactCnnOnFashion {}
}
