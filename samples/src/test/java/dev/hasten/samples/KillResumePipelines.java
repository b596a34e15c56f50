package dev.hasten.samples;

import dev.hasten.dsl.CosineLr;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.ImageClassification;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Sgd;
import dev.hasten.dsl.speedup.CutMix;
import dev.hasten.dsl.speedup.DataPruning;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LayerFreezing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.dsl.speedup.ScaleSchedule;
import dev.hasten.dsl.speedup.SelectiveBackprop;
import dev.hasten.dsl.speedup.StochasticDepth;
import dev.hasten.dsl.speedup.Swa;

/**
 * The pipelines {@link KillAndResumeTest} kills and resumes: between them, every speedup of the
 * catalog that keeps state across steps or draws random numbers, in two runs instead of one per
 * method (each kill test costs child JVMs). The methods that exclude each other (Ema and Swa
 * average weights; MixUp and CutMix mix inputs) are split between the two.
 *
 * <p>Both train on {@link #EXAMPLES} examples of each split, in small batches. The annotation
 * values are pushed so that every method has state that matters within the test's few steps; the
 * reasons are with each pipeline. They exist to be resumed, not to train well, hence the cost
 * suppression.
 */
@SuppressWarnings("hasten:cost")
final class KillResumePipelines {
  /** Examples per split the test gives them (see {@code SmallSubset}). */
  static final int EXAMPLES = 400;

  private KillResumePipelines() {}

  /**
   * The baseline CNN with Swa, LayerFreezing, SelectiveBackprop, CutMix, DataPruning and
   * ScaleSchedule: 200 kept examples (DataPruning keeps half of 400) in batches of 25 make 8 steps
   * an epoch, and 4 epochs scaled by 0.75 make 24 steps, 3 epochs.
   *
   * <ul>
   *   <li>DataPruning chooses its examples before step 0: every checkpoint holds them. It and
   *       ScaleSchedule reshape the run before its first step, a resumed one's too.
   *   <li>Swa averages from step 8 (progress 1/3 ≥ 0.3) through step 19, where the average replaces
   *       the weights (progress after it 20/24 ≥ 0.8); training goes on from it for 4 steps. A
   *       resume in steps 9–19 needs the saved average and count, a later one the finished flag.
   *       From step 9 its own rate moves from the schedule's to 0.02 over 3 updates and holds
   *       there: a pure function of the step, which a resume must repeat.
   *   <li>LayerFreezing from the start (freezeStart 0, level 1) freezes ⌊(1/3)·(n − 1)⌋ of the
   *       CNN's n layers at epoch 1 and ⌊(2/3)·(n − 1)⌋ at epoch 2: with its 6 layers that have
   *       weights (conv, BatchNorm, conv, BatchNorm, linear, linear), 1 and then 3.
   *   <li>SelectiveBackprop selects over the whole run (start 0, end 1), on every other step.
   *   <li>CutMix draws a box and a pairing every step.
   * </ul>
   *
   * <p>The learning rate is gentle: at 0.05 the first epoch's loss on the hardest half, in small
   * mixed batches, averaged 15; a run that diverges on some other machine could not be compared.
   */
  @Pipeline(epochs = 4, batchSize = 25, seed = 7)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.01, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0)
  @ScaleSchedule(ratio = 0.75)
  @DataPruning(keepFraction = 0.5, scoringEpochs = 1)
  @Swa(start = 0.3, end = 0.8, lr = 0.02, annealSteps = 3)
  @LayerFreezing(freezeStart = 0, freezeLevel = 1)
  @SelectiveBackprop(start = 0, end = 1, keep = 0.5)
  @CutMix
  static class Averaged extends BaselineCnnOnFashion {}

  /**
   * The tiny ResNet with StochasticDepth, Sam, MixUp and Ema: one epoch of 400 examples in batches
   * of 10 is 40 steps, of which the test runs the first 16 ({@code --max-steps}): its steps cost
   * several times the CNN's, and none of these methods needs an epoch boundary.
   *
   * <ul>
   *   <li>StochasticDepth drops each of the 3 residual branches with probability 0.5 (UNIFORM), so
   *       most steps drop one: a branch dropped in the first step after a resume has no gradient in
   *       the resumed process, where the uninterrupted one has a zeroed one. Its warm-up over the
   *       first 20% of the run (8 steps) grows the probability from 0.
   *   <li>Sam takes its two-pass step on the even steps (interval 2).
   *   <li>MixUp draws λ and a pairing every step.
   *   <li>Ema's half-life of 4 steps makes the average differ from the weights at every step; it
   *       starts after step 3 (4/40 ≥ 0.1) and updates after every second step.
   * </ul>
   */
  @Pipeline(epochs = 1, batchSize = 10, seed = 7)
  @ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
  @Sgd(lr = 0.05, momentum = 0.9, weightDecay = 5e-4)
  @CosineLr(warmupFraction = 0)
  @StochasticDepth(dropRate = 0.5, dropDistribution = DropDistribution.UNIFORM, dropWarmup = 0.2)
  @Sam(rho = 0.05, interval = 2)
  @MixUp
  @Ema(halfLifeSteps = 4, updateEverySteps = 2, start = 0.1)
  static class Dropped extends TinyResNetOnFashion {}
}
