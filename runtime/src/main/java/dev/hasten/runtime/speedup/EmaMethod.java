package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.EvalWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Ema}: keeps an exponential moving average of every parameter of the model, BatchNorm's
 * running statistics included, and swaps it in for evaluation.
 *
 * <p>Every {@code updateEverySteps} steps (the steps whose index is a multiple of it) the average
 * becomes {@code s·ema + (1 − s)·w} with {@code s = 0.5^(updateEverySteps / halfLifeSteps)}, so
 * a weight's share halves every {@code halfLifeSteps} steps. It is computed in place as
 * {@code ema ← (ema − w)·s + w}: three native calls per parameter and no allocation.
 *
 * <p>Where the average starts: Composer starts it from the model's initial weights; this class
 * never sees those (it acts after steps, not before the first), so the average starts as a copy
 * of the weights the first time {@link #afterStep} runs, that is, after the first update.
 * Averaging that step in would change nothing (the average equals the weights), so the first
 * call only copies. From then on the rule above applies, whatever the step's index.
 *
 * <p>The averages live in a manager of their own, a sub-manager of the parameters' manager, so
 * they outlive steps and go when the model does (or on {@link #close()}). The update assumes,
 * like the optimizer's in-place update, that it runs with autograd recording off (outside a
 * gradient collector).
 */
public final class EmaMethod implements AfterStepHook, EvalWeights, Stateful, AutoCloseable {
  private final int halfLifeSteps;
  private final int updateEverySteps;
  private final double smoothing;

  /** Parameter name → its average, in the model's parameter order; empty until started. */
  private final Map<String, NDArray> averages = new LinkedHashMap<>();
  /**
   * The same averages paired with their parameters, so that a step does not walk the Block tree
   * (the parameters of a model do not change once training has started).
   */
  private final List<Tracked> tracked = new ArrayList<>();

  private NDManager averagesManager;
  /** The training weights while the average is swapped in; null otherwise. */
  private NDManager trainingManager;
  private Map<String, NDArray> training;
  private boolean swappedIn;

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
    if (swappedIn) {
      throw new IllegalStateException("EMA weights are swapped in: call swapOut before training");
    }
    if (averages.isEmpty()) {
      start(step.model());
      return;
    }
    if (step.index() % updateEverySteps != 0) {
      return;
    }
    for (Tracked t : tracked) {
      NDArray weights = t.parameter().getArray();
      t.average().subi(weights).muli(smoothing).addi(weights);
    }
  }

  /** Copies the weights in as the average, now, in a fresh manager. */
  private void start(Block model) {
    NDManager manager = newAveragesManager(model);
    for (Pair<String, Parameter> entry : model.getParameters()) {
      track(entry.getKey(), entry.getValue(), copyInto(manager, entry.getValue().getArray()));
    }
  }

  private void track(String name, Parameter parameter, NDArray average) {
    averages.put(name, average);
    tracked.add(new Tracked(parameter, average));
  }

  /**
   * Copies the average into the model's parameters, in place, after setting the training
   * weights aside. Before the first {@link #afterStep} there is no average and the training
   * weights are evaluated as they are.
   */
  @Override
  public void swapIn(Block model) {
    if (swappedIn) {
      throw new IllegalStateException("EMA weights are already swapped in");
    }
    swappedIn = true;
    if (averages.isEmpty()) {
      return;
    }
    trainingManager = averagesManager.newSubManager();
    training = new LinkedHashMap<>();
    for (Pair<String, Parameter> entry : model.getParameters()) {
      NDArray weights = entry.getValue().getArray();
      training.put(entry.getKey(), copyInto(trainingManager, weights));
      overwrite(weights, averageOf(entry.getKey()));
    }
  }

  /** Copies the training weights set aside by {@link #swapIn} back, exactly, in place. */
  @Override
  public void swapOut(Block model) {
    if (!swappedIn) {
      throw new IllegalStateException("EMA weights are not swapped in");
    }
    swappedIn = false;
    if (training == null) {
      return;
    }
    for (Pair<String, Parameter> entry : model.getParameters()) {
      overwrite(entry.getValue().getArray(), training.get(entry.getKey()));
    }
    training = null;
    trainingManager.close();
    trainingManager = null;
  }

  /**
   * The averages by parameter name, in the model's parameter order, for a checkpoint: live
   * arrays owned by this object (copy them into a manager of your own, do not close them; they
   * go with {@link #close()}); empty before the first {@link #afterStep}.
   */
  public Map<String, NDArray> averages() {
    return Collections.unmodifiableMap(averages);
  }

  /**
   * Replaces the averages by copies of {@code saved} (as {@link #averages()} gave them), for
   * resuming from a checkpoint. The names and shapes must be those of {@code model}'s
   * parameters.
   *
   * @throws InvalidInputException if a parameter is missing from {@code saved} or has another
   *     shape, or {@code saved} holds a name the model does not have
   */
  public void restoreAverages(Block model, Map<String, NDArray> saved) {
    if (swappedIn) {
      throw new IllegalStateException("EMA weights are swapped in: call swapOut before restoring");
    }
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    for (Pair<String, Parameter> entry : model.getParameters()) {
      parameters.put(entry.getKey(), entry.getValue());
    }
    if (!parameters.keySet().equals(saved.keySet())) {
      throw new InvalidInputException(
          "the checkpoint's EMA averages are for parameters "
              + saved.keySet()
              + " but the model has "
              + parameters.keySet());
    }
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      NDArray weights = entry.getValue().getArray();
      NDArray average = saved.get(entry.getKey());
      if (!weights.getShape().equals(average.getShape())) {
        throw new InvalidInputException(
            "the checkpoint's EMA average of "
                + entry.getKey()
                + " has shape "
                + average.getShape()
                + " but the parameter has "
                + weights.getShape());
      }
    }
    NDManager manager = newAveragesManager(model);
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      NDArray weights = entry.getValue().getArray();
      NDArray average =
          saved.get(entry.getKey())
              .toDevice(weights.getDevice(), false)
              .toType(weights.getDataType(), false);
      track(entry.getKey(), entry.getValue(), copyInto(manager, average));
    }
  }

  /** Copies of the averages (none before the first step), for a checkpoint. */
  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    Map<String, NDArray> copies = new LinkedHashMap<>();
    averages.forEach((name, average) -> copies.put(name, copyInto(into, average)));
    return copies;
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
    if (averagesManager != null) {
      averagesManager.close();
      averagesManager = null;
    }
    averages.clear();
    tracked.clear();
    training = null;
    trainingManager = null;
    swappedIn = false;
  }

  /** Closes the previous averages, if any, and opens a manager beside the parameters. */
  private NDManager newAveragesManager(Block model) {
    close();
    if (model.getParameters().isEmpty()) {
      throw new IllegalArgumentException("the model has no parameters to average");
    }
    Parameter first = model.getParameters().valueAt(0);
    averagesManager = first.getArray().getManager().newSubManager();
    return averagesManager;
  }

  private NDArray averageOf(String name) {
    NDArray average = averages.get(name);
    if (average == null) {
      throw new IllegalStateException("the model has a parameter the EMA has not seen: " + name);
    }
    return average;
  }

  /** A parameter and its average. */
  private record Tracked(Parameter parameter, NDArray average) {}

  /** A device copy of {@code source} owned by {@code manager}. */
  private static NDArray copyInto(NDManager manager, NDArray source) {
    NDArray copy = source.duplicate();
    copy.attach(manager);
    return copy;
  }

  /**
   * {@code target ← source}, in place and exactly, so that everything holding {@code target}
   * (the parameter, the optimizer's state keyed by it) stays valid. A full slice makes DJL copy
   * with torch's {@code copy_} (an empty index would not), and DJL closes the indexer's
   * temporaries itself. Exact even for non-finite values, unlike {@code muli(0).addi(source)}.
   */
  private static void overwrite(NDArray target, NDArray source) {
    target.set(new NDIndex(":"), source); // ":" covers axis 0; DJL fills in the rest
  }
}
