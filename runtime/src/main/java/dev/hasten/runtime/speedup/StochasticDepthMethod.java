package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import dev.hasten.dsl.DropDistribution;
import dev.hasten.dsl.DropGranularity;
import dev.hasten.dsl.speedup.StochasticDepth;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.ResidualBlock;
import dev.hasten.runtime.speedup.surgery.BlockRewriter;
import dev.hasten.runtime.speedup.surgery.StochasticBranch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@link StochasticDepth} (Huang et al. 2016; Composer's block-wise method): before initialisation,
 * the branch of every {@link ResidualBlock} becomes a {@link StochasticBranch} with its drop rate:
 * {@code dropRate · l / L} for the {@code l}-th of {@code L} residual blocks from the input with
 * {@code LINEAR}, {@code dropRate} for all with {@code UNIFORM}. Then, before each step's forward
 * pass, it draws which branches the step keeps, from {@code step.random("stochastic-depth")}: a
 * step's depth is a function of the seed and the step, so a resumed run repeats it.
 *
 * <p>With {@code SAMPLE} granularity (Composer's {@code stochastic_method='sample'}) no switch is
 * drawn here: every branch runs and zeroes each example's output with its drop probability, from
 * the engine's generator, which the loop seeds per step ({@link StochasticBranch#dropExamples}).
 *
 * <p>With a warm-up, before each step every drop probability is set to {@code progress /
 * dropWarmup} of its full value while the run's progress is below {@code dropWarmup}, as Composer's
 * {@code drop_warmup} sets them at each batch's start; evaluation in the warm-up scales by the
 * probability of the last step, as Composer's does. Where it differs: Composer refuses a warm-up
 * with the sample-wise form; here the two combine, the same way.
 *
 * <p>It rewrites Hasten's {@code ResidualBlock}s only: a DJL {@code ParallelBlock} joins its
 * branches with a function it cannot see, so which child is the residual branch is not known. A
 * model with no {@code ResidualBlock} is refused.
 */
public final class StochasticDepthMethod implements ModelSurgery, BatchTransform {
  private final double dropRate;
  private final DropDistribution distribution;
  private final DropGranularity granularity;
  private final double dropWarmup;

  /** The switches of the branches rewritten, from the input; they survive later rewrites. */
  private final List<StochasticBranch.Switch> switches = new ArrayList<>();

  /** From the pipeline's annotation. */
  public StochasticDepthMethod(StochasticDepth config) {
    this(config.dropRate(), config.dropDistribution(), config.granularity(), config.dropWarmup());
  }

  /** Block-wise, without warm-up. */
  public StochasticDepthMethod(double dropRate, DropDistribution distribution) {
    this(dropRate, distribution, DropGranularity.BLOCK, 0);
  }

  /**
   * @param dropRate the drop probability of the last block (of every block with UNIFORM), in [0, 1)
   * @param distribution how it is spread over the blocks
   * @param granularity whether a branch is dropped for the whole batch or for each example
   * @param dropWarmup the fraction of the run over which the drop probabilities grow from 0, in [0,
   *     1]
   */
  public StochasticDepthMethod(
      double dropRate,
      DropDistribution distribution,
      DropGranularity granularity,
      double dropWarmup) {
    if (!(dropRate >= 0 && dropRate < 1)) {
      throw new IllegalArgumentException(
          "stochastic depth dropRate must be in [0, 1), got " + dropRate);
    }
    if (!(dropWarmup >= 0 && dropWarmup <= 1)) {
      throw new IllegalArgumentException(
          "stochastic depth dropWarmup must be in [0, 1], got " + dropWarmup);
    }
    this.dropRate = dropRate;
    this.distribution = distribution;
    this.granularity = granularity;
    this.dropWarmup = dropWarmup;
  }

  /**
   * The share of the full drop probabilities that applies at {@code progress} (the fraction of the
   * run done): {@code progress / dropWarmup} during the warm-up, 1 after it.
   */
  public double warmUpShare(double progress) {
    return progress < dropWarmup ? progress / dropWarmup : 1.0;
  }

  /** The drop probability of block {@code l} (from 1) of {@code blocks}. */
  public static double dropRateOf(
      int l, int blocks, double dropRate, DropDistribution distribution) {
    return distribution == DropDistribution.LINEAR ? dropRate * l / blocks : dropRate;
  }

  @Override
  public Block apply(Block model, RunSpec spec) {
    int blocks = countResidualBlocks(model);
    if (blocks == 0) {
      throw new InvalidInputException(
          "@StochasticDepth found no dev.hasten.runtime.model.ResidualBlock to rewrite (it cannot"
              + " tell the branch of a DJL ParallelBlock); build residual blocks as ResidualBlock"
              + " or remove @StochasticDepth");
    }
    switches.clear();
    return BlockRewriter.rewrite(
        model,
        "@StochasticDepth",
        block -> {
          if (!(block instanceof ResidualBlock)) {
            return block;
          }
          ResidualBlock residual = (ResidualBlock) block;
          StochasticBranch.Switch state =
              new StochasticBranch.Switch(
                  dropRateOf(switches.size() + 1, blocks, dropRate, distribution),
                  granularity == DropGranularity.SAMPLE);
          switches.add(state);
          return new ResidualBlock(
              new StochasticBranch(residual.branch(), state), residual.shortcut());
        });
  }

  /**
   * Sets this step's drop probabilities (below the full ones during a warm-up) and draws, for a
   * block-wise drop, which residual branches run: none of the batch changes.
   */
  @Override
  public void transformBatch(Step step) {
    double share = warmUpShare(step.progress());
    Random random = step.random("stochastic-depth");
    for (StochasticBranch.Switch state : switches) {
      state.warmUp(share);
      if (!state.perExample()) {
        state.draw(random.nextDouble());
      }
    }
  }

  /** The switches of the rewritten branches, from the input. */
  public List<StochasticBranch.Switch> switches() {
    return Collections.unmodifiableList(switches);
  }

  private static int countResidualBlocks(Block block) {
    int count = block instanceof ResidualBlock ? 1 : 0;
    for (Block child : block.getChildren().values()) {
      count += countResidualBlocks(child);
    }
    return count;
  }
}
