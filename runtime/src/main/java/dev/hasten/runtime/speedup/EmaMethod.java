package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.EvalWeights;
import dev.hasten.runtime.loop.stage.FitStartHook;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Ema}: keeps an exponential moving average of every parameter of the model, BatchNorm's
 * running statistics included, and swaps it in for evaluation. The average itself, its swapping and
 * its checkpoint are {@link AveragedWeights}'; this class holds the rule and its phase.
 *
 * <p>The average starts as a copy of the weights after the first step at whose end at least {@code
 * start} of the run is done ({@code (index + 1) / totalSteps ≥ start}), that is after the first
 * update by default, as Composer's {@code EMAParameters} is made at the end of the batch where its
 * {@code ema_start} is reached. Then, after every step whose count of steps done ({@code index +
 * 1}) is a multiple of {@code updateEverySteps}, the average becomes {@code s·ema + (1 − s)·w} with
 * {@code s = 0.5^(updateEverySteps / halfLifeSteps)}, so a weight's share halves every {@code
 * halfLifeSteps} steps: Composer's phase, which tests its batch count after the step. When the
 * start falls on such a step, Composer averages the fresh copy with the weights it was copied from,
 * which changes nothing; this class only copies.
 *
 * <p>Where it differs from Composer: {@code start} is a fraction of the run's steps, which
 * Composer's {@code ema_start} in {@code dur} is only when the run's length is given in batches
 * (given in epochs, Composer's elapsed duration moves in whole epochs).
 *
 * <p>The update assumes, like the optimizer's in-place update, that it runs with autograd recording
 * off (outside a gradient collector).
 */
public final class EmaMethod
    implements FitStartHook, AfterStepHook, EvalWeights, Stateful, AutoCloseable {
  private final int halfLifeSteps;
  private final int updateEverySteps;
  private final double start;
  private final double smoothing;
  private final AveragedWeights weights =
      new AveragedWeights("EMA", AveragedWeights.everyParameter());
  private Run run;

  /** From the pipeline's annotation. */
  public EmaMethod(Ema config) {
    this(config.halfLifeSteps(), config.updateEverySteps(), config.start());
  }

  /** An average from the first step on. */
  public EmaMethod(int halfLifeSteps, int updateEverySteps) {
    this(halfLifeSteps, updateEverySteps, 0);
  }

  /**
   * @param halfLifeSteps steps after which an old weight's share of the average has halved, ≥ 1
   * @param updateEverySteps the average is updated every this many steps, ≥ 1
   * @param start the fraction of the run done before the average starts, in [0, 1)
   */
  public EmaMethod(int halfLifeSteps, int updateEverySteps, double start) {
    if (halfLifeSteps < 1) {
      throw new IllegalArgumentException("EMA halfLifeSteps must be >= 1, got " + halfLifeSteps);
    }
    if (updateEverySteps < 1) {
      throw new IllegalArgumentException(
          "EMA updateEverySteps must be >= 1, got " + updateEverySteps);
    }
    if (!(start >= 0 && start < 1)) {
      throw new IllegalArgumentException("EMA start must be in [0, 1), got " + start);
    }
    this.halfLifeSteps = halfLifeSteps;
    this.updateEverySteps = updateEverySteps;
    this.start = start;
    this.smoothing = Math.pow(0.5, (double) updateEverySteps / halfLifeSteps);
  }

  public int halfLifeSteps() {
    return halfLifeSteps;
  }

  public int updateEverySteps() {
    return updateEverySteps;
  }

  public double start() {
    return start;
  }

  /** {@code s}, the weight the old average keeps at each update. */
  public double smoothing() {
    return smoothing;
  }

  /** Keeps the run, whose length tells when {@code start} is reached. */
  @Override
  public void onFitStart(Run run) {
    this.run = run;
  }

  @Override
  public void afterStep(Step step) {
    if (weights.swappedIn()) {
      throw new IllegalStateException("EMA weights are swapped in: call swapOut before training");
    }
    if (weights.isEmpty()) {
      if (startReachedAfter(step)) {
        weights.start(step.model());
      }
      return;
    }
    if ((step.index() + 1) % updateEverySteps == 0) {
      weights.update(smoothing);
    }
  }

  /** Whether at least {@code start} of the run is done once {@code step} is. */
  private boolean startReachedAfter(Step step) {
    if (start == 0) {
      return true;
    }
    if (run == null) {
      throw new IllegalStateException("onFitStart was not called before the first step");
    }
    return (step.index() + 1) / (double) run.totalSteps() >= start;
  }

  /**
   * Copies the average into the model's parameters, in place, after setting the training weights
   * aside. Before the average starts the training weights are evaluated as they are.
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
   * The averages by parameter name, in the model's parameter order, for a checkpoint: live arrays
   * owned by this object (copy them into a manager of your own, do not close them; they go with
   * {@link #close()}); empty before the average starts.
   */
  public Map<String, NDArray> averages() {
    return weights.averages();
  }

  /**
   * Replaces the averages by copies of {@code saved} (as {@link #averages()} gave them), for
   * resuming from a checkpoint. The names and shapes must be those of {@code model}'s parameters.
   *
   * @throws dev.hasten.runtime.InvalidInputException if a parameter is missing from {@code saved}
   *     or has another shape, or {@code saved} holds a name the model does not have
   */
  public void restoreAverages(Block model, Map<String, NDArray> saved) {
    weights.load(model, saved, "");
  }

  /** Copies of the averages (none before the average starts), for a checkpoint. */
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
   * Frees the averages and any training weights set aside; call it after {@link #swapOut}, or the
   * model keeps the average.
   */
  @Override
  public void close() {
    weights.close();
  }
}
