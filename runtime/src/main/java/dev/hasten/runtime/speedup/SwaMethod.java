package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.EvalWeights;
import dev.hasten.runtime.loop.stage.FitStartHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Swa}: an equal-weight average of the weights over a window of the run, as Composer's SWA
 * with its defaults (no SWA learning-rate schedule).
 *
 * <p>The window holds the steps whose progress (the fraction of the run done before them) is in
 * {@code [start, end)}. After the first step of the window, and after each later one whose index is
 * a multiple of {@code updateEverySteps}, the average takes in the weights:
 * {@code avg ← (n·avg + w)/(n + 1)}, computed in place as {@code (avg − w)·n/(n+1) + w}. After the
 * window's last step the average replaces the training weights, the BatchNorm statistics are
 * recomputed for it, and training goes on from it (Composer's {@code swa_end}).
 *
 * <p>Evaluation during the window sees the average, with BatchNorm statistics recomputed for it;
 * the training weights and statistics are put back exactly after. Outside the window evaluation
 * sees the training weights (which after the window started from the average). A run cut short
 * inside the window (by {@code --max-steps}) is thus still evaluated on its average.
 *
 * <p>Only weights are averaged; BatchNorm's running statistics are not, since statistics of other
 * weights do not describe the average ({@link BatchNormStatistics} recomputes them).
 */
public final class SwaMethod
    implements FitStartHook, AfterStepHook, EvalWeights, Stateful, AutoCloseable {
  private final double start;
  private final double end;
  private final int updateEverySteps;

  private Run run;
  /** Parameter name → average, for every averaged parameter; empty until the window opens. */
  private final Map<String, NDArray> averages = new LinkedHashMap<>();
  private final List<Tracked> tracked = new ArrayList<>();
  private long count;
  private boolean finished;
  private NDManager averagesManager;
  /** Every parameter's value (statistics included) while the average is swapped in. */
  private NDManager trainingManager;
  private Map<String, NDArray> training;
  private boolean swappedIn;

  /** From the pipeline's annotation. */
  public SwaMethod(Swa config) {
    this(config.start(), config.end(), config.updateEverySteps());
  }

  /**
   * @param start fraction of the run done when averaging begins, in [0, 1)
   * @param end fraction of the run done when the average replaces the weights, in (start, 1]
   * @param updateEverySteps the average takes in the weights of steps whose index is a multiple of
   *     this (and of the window's first step), at least 1
   */
  public SwaMethod(double start, double end, int updateEverySteps) {
    if (!(start >= 0 && start < end && end <= 1)) {
      throw new IllegalArgumentException(
          "SWA needs 0 <= start < end <= 1, got start " + start + ", end " + end);
    }
    if (updateEverySteps < 1) {
      throw new IllegalArgumentException(
          "SWA updateEverySteps must be at least 1, got " + updateEverySteps);
    }
    this.start = start;
    this.end = end;
    this.updateEverySteps = updateEverySteps;
  }

  /** Weight sets in the average so far. */
  public long count() {
    return count;
  }

  /** Whether the window is over and the average has replaced the training weights. */
  public boolean finished() {
    return finished;
  }

  @Override
  public void onFitStart(Run run) {
    this.run = run;
  }

  @Override
  public void afterStep(Step step) {
    if (swappedIn) {
      throw new IllegalStateException("SWA weights are swapped in: call swapOut before training");
    }
    if (finished) {
      return;
    }
    double progress = step.progress();
    if (progress < start || progress >= end) {
      return;
    }
    if (count == 0 || step.index() % updateEverySteps == 0) {
      takeIn(step.model());
    }
    double after = (step.index() + 1) / (double) totalSteps();
    if (after >= end) {
      finish(step.model());
    }
  }

  /** Adds the model's current weights to the average. */
  public void takeIn(Block model) {
    if (count == 0) {
      NDManager manager = newAveragesManager(model);
      for (Pair<String, Parameter> named : averaged(model)) {
        NDArray copy = named.getValue().getArray().duplicate();
        copy.attach(manager);
        track(named.getKey(), named.getValue(), copy);
      }
    } else {
      double keep = count / (double) (count + 1);
      for (Tracked t : tracked) {
        NDArray weights = t.parameter().getArray();
        t.average().subi(weights).muli(keep).addi(weights);
      }
    }
    count++;
  }

  /** Puts the average into the training weights for good and recomputes BatchNorm for it. */
  private void finish(Block model) {
    for (Tracked t : tracked) {
      overwrite(t.parameter().getArray(), t.average());
    }
    recomputeStatistics(model);
    finished = true;
  }

  @Override
  public void swapIn(Block model) {
    if (swappedIn) {
      throw new IllegalStateException("SWA weights are already swapped in");
    }
    swappedIn = true;
    if (finished || count == 0) {
      return;
    }
    trainingManager = averagesManager.newSubManager();
    training = new LinkedHashMap<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      NDArray value = named.getValue().getArray();
      NDArray copy = value.duplicate();
      copy.attach(trainingManager);
      training.put(named.getKey(), copy);
    }
    for (Tracked t : tracked) {
      overwrite(t.parameter().getArray(), t.average());
    }
    recomputeStatistics(model);
  }

  @Override
  public void swapOut(Block model) {
    if (!swappedIn) {
      throw new IllegalStateException("SWA weights are not swapped in");
    }
    swappedIn = false;
    if (training == null) {
      return;
    }
    for (Pair<String, Parameter> named : model.getParameters()) {
      overwrite(named.getValue().getArray(), training.get(named.getKey()));
    }
    training = null;
    trainingManager.close();
    trainingManager = null;
  }

  private void recomputeStatistics(Block model) {
    if (run == null) {
      throw new IllegalStateException("onFitStart was not called before the first step");
    }
    // The seed varies with the number of weight sets, so each recomputation sees other batches.
    BatchNormStatistics.recompute(
        model,
        run.trainImages(),
        run.spec().batchSize(),
        BatchNormStatistics.BATCHES,
        run.spec().seed() * 31 + count);
  }

  private long totalSteps() {
    if (run == null) {
      throw new IllegalStateException("onFitStart was not called before the first step");
    }
    return run.totalSteps();
  }

  /** The average so far by parameter name (live arrays owned by this object; do not close). */
  public Map<String, NDArray> averages() {
    return java.util.Collections.unmodifiableMap(averages);
  }

  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    Map<String, NDArray> state = new LinkedHashMap<>();
    state.put("count", into.create(count));
    state.put("finished", into.create(finished ? 1L : 0L));
    averages.forEach(
        (name, average) -> {
          NDArray copy = average.duplicate();
          copy.attach(into);
          state.put("average/" + name, copy);
        });
    return state;
  }

  @Override
  public void loadState(Block model, Map<String, NDArray> state) {
    if (!state.containsKey("count") || !state.containsKey("finished")) {
      throw new InvalidInputException(
          "the checkpoint's SWA state has no count or finished flag: it belongs to another pipeline");
    }
    close();
    long savedCount = state.get("count").getLong();
    boolean savedFinished = state.get("finished").getLong() != 0;
    if (savedCount > 0) {
      NDManager manager = newAveragesManager(model);
      for (Pair<String, Parameter> named : averaged(model)) {
        NDArray saved = state.get("average/" + named.getKey());
        NDArray weights = named.getValue().getArray();
        if (saved == null || !saved.getShape().equals(weights.getShape())) {
          close();
          throw new InvalidInputException(
              "the checkpoint's SWA average does not fit parameter "
                  + named.getKey()
                  + ": it belongs to another pipeline");
        }
        NDArray copy =
            saved.toDevice(weights.getDevice(), true).toType(weights.getDataType(), false);
        copy.attach(manager);
        track(named.getKey(), named.getValue(), copy);
      }
    }
    count = savedCount;
    finished = savedFinished;
  }

  /** Frees the average; call it after {@link #swapOut}. */
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
    count = 0;
    finished = false;
  }

  /** The parameters averaged: all but BatchNorm's running statistics. */
  private static List<Pair<String, Parameter>> averaged(Block model) {
    List<Pair<String, Parameter>> out = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      Parameter.Type type = named.getValue().getType();
      if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
        out.add(named);
      }
    }
    return out;
  }

  private NDManager newAveragesManager(Block model) {
    if (averagesManager != null) {
      averagesManager.close();
    }
    averages.clear();
    tracked.clear();
    if (model.getParameters().isEmpty()) {
      throw new IllegalArgumentException("the model has no parameters to average");
    }
    averagesManager = model.getParameters().valueAt(0).getArray().getManager().newSubManager();
    return averagesManager;
  }

  private void track(String name, Parameter parameter, NDArray average) {
    averages.put(name, average);
    tracked.add(new Tracked(parameter, average));
  }

  /** {@code target ← source} in place and exactly (see EmaMethod). */
  private static void overwrite(NDArray target, NDArray source) {
    target.set(new NDIndex(":"), source);
  }

  private record Tracked(Parameter parameter, NDArray average) {}
}
