package dev.hasten.runtime.speedup;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.hasten.dsl.speedup.LayerFreezing;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.stage.EpochStartHook;
import dev.hasten.runtime.model.BorrowingBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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
 *
 * <p>Tied weights: a block that computes with another block's parameter ({@link BorrowingBlock},
 * such as a GPT's {@link dev.hasten.runtime.model.TiedLogits}, whose output projection is the token
 * embedding) is a layer holding that parameter, as the tied output Linear of a PyTorch GPT is for
 * Composer. Where it deliberately differs from Composer: a parameter the last layer holds is never
 * frozen, even when an earlier layer shares it. Composer freezes a GPT's token embedding with its
 * first layer and so the output projection tied to it, from the first freeze on; here the
 * embedding's layer freezes its positions and the token matrix goes on training through both of its
 * uses, as the never-frozen last layer needs.
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
    Set<Parameter> lastLayers = Collections.newSetFromMap(new IdentityHashMap<>());
    lastLayers.addAll(parameters(layers.get(layers.size() - 1)));
    for (Block layer : layers.subList(0, depth)) {
      for (Parameter parameter : parameters(layer)) {
        if (parameter.requiresGradient() && !lastLayers.contains(parameter)) {
          parameter.freeze(true);
        }
      }
    }
    return depth;
  }

  /** A layer's parameters: its own, then those it borrows. */
  static List<Parameter> parameters(Block layer) {
    List<Parameter> parameters = new ArrayList<>(layer.getDirectParameters().values());
    if (layer instanceof BorrowingBlock) {
      parameters.addAll(((BorrowingBlock) layer).borrowedParameters());
    }
    return parameters;
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
   * The leaf blocks of {@code model} that have parameters of their own or borrowed ones, depth
   * first: its layers, from the input. (A block declares its parameters when it is built, so this
   * works before initialisation.)
   */
  public static List<Block> layers(Block model) {
    List<Block> leaves = new ArrayList<>();
    collectLeaves(model, leaves);
    return leaves;
  }

  private static void collectLeaves(Block block, List<Block> leaves) {
    if (block.getChildren().isEmpty()) {
      if (!parameters(block).isEmpty()) {
        leaves.add(block);
      }
      return;
    }
    for (Block child : block.getChildren().values()) {
      collectLeaves(child, leaves);
    }
  }
}
