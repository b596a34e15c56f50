package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.EvalWeights;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Ema}: keeps an exponential moving average of every parameter of the model, BatchNorm's
 * running statistics included, and swaps it in for evaluation. The average itself, its swapping
 * and its checkpoint are {@link AveragedWeights}'; this class holds the rule and its phase.
 *
 * <p>Every {@code updateEverySteps} steps (the steps whose index is a multiple of it) the average
 * becomes {@code s·ema + (1 − s)·w} with {@code s = 0.5^(updateEverySteps / halfLifeSteps)}, so
 * a weight's share halves every {@code halfLifeSteps} steps.
 *
 * <p>Where the average starts: Composer starts it from the model's initial weights; this class
 * never sees those (it acts after steps, not before the first), so the average starts as a copy
 * of the weights the first time {@link #afterStep} runs, that is, after the first update.
 * Averaging that step in would change nothing (the average equals the weights), so the first
 * call only copies. From then on the rule above applies, whatever the step's index.
 *
 * <p>The update assumes, like the optimizer's in-place update, that it runs with autograd
 * recording off (outside a gradient collector).
 */
public final class EmaMethod implements AfterStepHook, EvalWeights, Stateful, AutoCloseable {
  private final int halfLifeSteps;
  private final int updateEverySteps;
  private final double smoothing;
  private final AveragedWeights weights =
      new AveragedWeights("EMA", AveragedWeights.everyParameter());

  /** From the pipeline's annotation. */
  public EmaMethod(Ema config) {
    this(config.halfLifeSteps(), config.updateEverySteps());
  }

  /**
   * @param halfLifeSteps steps after which an old weight's share of the average has halved, ≥ 1
   * @param updateEverySteps the average is updated every this many steps, ≥ 1
   */
  public EmaMethod(int halfLifeSteps, int updateEverySteps) {
    if (halfLifeSteps < 1) {
      throw new IllegalArgumentException("EMA halfLifeSteps must be >= 1, got " + halfLifeSteps);
    }
    if (updateEverySteps < 1) {
      throw new IllegalArgumentException(
          "EMA updateEverySteps must be >= 1, got " + updateEverySteps);
    }
    this.halfLifeSteps = halfLifeSteps;
    this.updateEverySteps = updateEverySteps;
    this.smoothing = Math.pow(0.5, (double) updateEverySteps / halfLifeSteps);
  }

  public int halfLifeSteps() {
    return halfLifeSteps;
  }

  public int updateEverySteps() {
    return updateEverySteps;
  }

  /** {@code s}, the weight the old average keeps at each update. */
  public double smoothing() {
    return smoothing;
  }

  @Override
  public void afterStep(Step step) {
    if (weights.swappedIn()) {
      throw new IllegalStateException("EMA weights are swapped in: call swapOut before training");
    }
    if (weights.isEmpty()) {
      weights.start(step.model());
      return;
    }
    if (step.index() % updateEverySteps != 0) {
      return;
    }
    weights.update(smoothing);
  }

  /**
   * Copies the average into the model's parameters, in place, after setting the training
   * weights aside. Before the first {@link #afterStep} there is no average and the training
   * weights are evaluated as they are.
   */
  @Override
  public void swapIn(Block model) {
    weights.swapIn(model);
  }

  /** Copies the training weights set aside by {@link #swapIn} back, exactly, in place. */
  @Override
  public void swapOut(Block model) {
    weights.swapOut(model);
  }

  /**
   * The averages by parameter name, in the model's parameter order, for a checkpoint: live
   * arrays owned by this object (copy them into a manager of your own, do not close them; they
   * go with {@link #close()}); empty before the first {@link #afterStep}.
   */
  public Map<String, NDArray> averages() {
    return weights.averages();
  }

  /**
   * Replaces the averages by copies of {@code saved} (as {@link #averages()} gave them), for
   * resuming from a checkpoint. The names and shapes must be those of {@code model}'s
   * parameters.
   *
   * @throws dev.hasten.runtime.InvalidInputException if a parameter is missing from {@code saved}
   *     or has another shape, or {@code saved} holds a name the model does not have
   */
  public void restoreAverages(Block model, Map<String, NDArray> saved) {
    weights.load(model, saved, "");
  }

  /** Copies of the averages (none before the first step), for a checkpoint. */
  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    Map<String, NDArray> state = new LinkedHashMap<>();
    weights.save(state, into, "");
    return state;
  }

  /** Restores the averages of a checkpoint; an empty state means the average has not started. */
  @Override
  public void loadState(Block model, Map<String, NDArray> state) {
    if (state.isEmpty()) {
      close();
    } else {
      restoreAverages(model, state);
    }
  }

  /**
   * Frees the averages and any training weights set aside; call it after {@link #swapOut}, or
   * the model keeps the average.
   */
  @Override
  public void close() {
    weights.close();
  }
}
