package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.hasten.dsl.speedup.LayerFreezing;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.stage.EpochStartHook;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LayerFreezing} (Composer's {@code freeze_layers}): at the start of each epoch, with the
 * run's progress {@code p} (the fraction of its steps done), freezes the first {@code ⌊f(p)·(n −
 * 1)⌋} of the model's {@code n} layers, where {@code f(p) = 0} up to {@code freezeStart} and {@code
 * f(p) = (p − freezeStart) / (1 − freezeStart) · freezeLevel} after; the last layer (the
 * classifier) is never frozen.
 *
 * <p>Layers are the model's leaf blocks that have parameters, in depth-first order, as Composer's
 * {@code _get_layers} collects them: activations, pooling and flattening are not layers, and
 * counting them (an earlier version did) dilutes the schedule, freezing fewer weights than Composer
 * at every progress. Freezing a layer sets its parameters to need no gradient: the optimizer skips
 * them, and the backward pass stops before them. It only ever freezes, never thaws, so a layer a
 * user froze stays frozen; and as the frozen depth is a function of progress alone, a resumed run
 * freezes the same layers at the same epochs.
 *
 * <p>Like Composer, it leaves a frozen layer's BatchNorm running statistics updating.
 */
public final class LayerFreezingMethod implements EpochStartHook {
  private final double freezeStart;
  private final double freezeLevel;

  /** From the pipeline's annotation. */
  public LayerFreezingMethod(LayerFreezing config) {
    this(config.freezeStart(), config.freezeLevel());
  }

  /**
   * @param freezeStart the fraction of the run after which freezing begins, in [0, 1)
   * @param freezeLevel the fraction of the layers frozen at the end of the run, in (0, 1]
   */
  public LayerFreezingMethod(double freezeStart, double freezeLevel) {
    if (!(freezeStart >= 0 && freezeStart < 1)) {
      throw new IllegalArgumentException(
          "layer freezing freezeStart must be in [0, 1), got " + freezeStart);
    }
    if (!(freezeLevel > 0 && freezeLevel <= 1)) {
      throw new IllegalArgumentException(
          "layer freezing freezeLevel must be in (0, 1], got " + freezeLevel);
    }
    this.freezeStart = freezeStart;
    this.freezeLevel = freezeLevel;
  }

  @Override
  public void onEpochStart(Run run, int epoch) {
    double progress = (double) epoch * run.stepsPerEpoch() / run.totalSteps();
    freeze(run.model(), progress);
  }

  /**
   * Freezes the layers due at {@code progress}; returns how many layers are due.
   *
   * @throws InvalidInputException if the model has fewer than two layers: only the last could be
   *     frozen, and it never is
   */
  public int freeze(Block model, double progress) {
    List<Block> layers = layers(model);
    if (layers.size() < 2) {
      throw new InvalidInputException(
          "@LayerFreezing needs a model of at least two layers; it never freezes the last one");
    }
    int depth = frozenDepth(frozenFraction(progress, freezeStart, freezeLevel), layers.size());
    for (Block layer : layers.subList(0, depth)) {
      for (Parameter parameter : layer.getParameters().values()) {
        if (parameter.requiresGradient()) {
          parameter.freeze(true);
        }
      }
    }
    return depth;
  }

  /** Composer's {@code _freeze_schedule}: the fraction of the layers frozen at {@code progress}. */
  public static double frozenFraction(double progress, double freezeStart, double freezeLevel) {
    if (progress <= freezeStart) {
      return 0;
    }
    return (progress - freezeStart) / (1 - freezeStart) * freezeLevel;
  }

  /** {@code ⌊fraction · (layers − 1)⌋}: the last layer never counts. */
  public static int frozenDepth(double fraction, int layers) {
    return (int) (fraction * (layers - 1));
  }

  /**
   * The leaf blocks of {@code model} that have parameters, depth first: its layers, from the input.
   * (A block declares its parameters when it is built, so this works before initialisation.)
   */
  public static List<Block> layers(Block model) {
    List<Block> leaves = new ArrayList<>();
    collectLeaves(model, leaves);
    return leaves;
  }

  private static void collectLeaves(Block block, List<Block> leaves) {
    if (block.getChildren().isEmpty()) {
      if (!block.getDirectParameters().isEmpty()) {
        leaves.add(block);
      }
      return;
    }
    for (Block child : block.getChildren().values()) {
      collectLeaves(child, leaves);
    }
  }
}
