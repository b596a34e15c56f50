package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.hasten.dsl.AnnealStrategy;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Stateful;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.AfterStepHook;
import dev.hasten.runtime.loop.stage.EvalWeights;
import dev.hasten.runtime.loop.stage.FitStartHook;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Swa}: an equal-weight average of the weights over a window of the run, as Composer's SWA;
 * with {@code lr} above 0 the window trains at a learning rate of its own ({@link
 * SwaLearningRate}).
 *
 * <p>The window holds the steps whose progress (the fraction of the run done before them) is in
 * {@code [start, end)}. After the first step of the window, and after each later one whose index is
 * a multiple of {@code updateEverySteps}, the average takes in the weights: {@code avg ← (n·avg +
 * w)/(n + 1)}, computed in place as {@code (avg − w)·n/(n+1) + w}. After the window's last step the
 * average replaces the training weights, the BatchNorm statistics are recomputed for it, and
 * training goes on from it (Composer's {@code swa_end}).
 *
 * <p>Evaluation during the window sees the average, with BatchNorm statistics recomputed for it;
 * the training weights and statistics are put back exactly after. Outside the window evaluation
 * sees the training weights (which after the window started from the average). A run cut short
 * inside the window (by {@code --max-steps}) is thus still evaluated on its average.
 *
 * <p>Only weights are averaged; BatchNorm's running statistics are not, since statistics of other
 * weights do not describe the average ({@link BatchNormStatistics} recomputes them). The average
 * itself, its swapping and its checkpoint are {@link AveragedWeights}'; this class holds the rule
 * and the window.
 */
public final class SwaMethod
    implements FitStartHook, AfterStepHook, EvalWeights, Stateful, AutoCloseable {
  private final double start;
  private final double end;
  private final int updateEverySteps;

  /** The window's own learning rate; 0 leaves the pipeline's schedule in charge. */
  private final double lr;

  private final int annealSteps;
  private final AnnealStrategy annealStrategy;
  private final AveragedWeights weights =
      new AveragedWeights("SWA", AveragedWeights.withoutRunningStatistics());

  private Run run;
  private long count;
  private boolean finished;

  /** From the pipeline's annotation. */
  public SwaMethod(Swa config) {
    this(
        config.start(),
        config.end(),
        config.updateEverySteps(),
        config.lr(),
        config.annealSteps(),
        config.annealStrategy());
  }

  /** SWA under the pipeline's learning-rate schedule (Composer's default). */
  public SwaMethod(double start, double end, int updateEverySteps) {
    this(start, end, updateEverySteps, 0, 10, AnnealStrategy.LINEAR);
  }

  /**
   * @param start fraction of the run done when averaging begins, in [0, 1)
   * @param end fraction of the run done when the average replaces the weights, in (start, 1]
   * @param updateEverySteps the average takes in the weights of steps whose index is a multiple of
   *     this (and of the window's first step), at least 1
   * @param lr the window's own learning rate ({@link SwaLearningRate}), or 0 for none
   * @param annealSteps updates of the average over which the rate moves to {@code lr}, at least 1
   * @param annealStrategy the shape of that move
   */
  public SwaMethod(
      double start,
      double end,
      int updateEverySteps,
      double lr,
      int annealSteps,
      AnnealStrategy annealStrategy) {
    if (!(start >= 0 && start < end && end <= 1)) {
      throw new IllegalArgumentException(
          "SWA needs 0 <= start < end <= 1, got start " + start + ", end " + end);
    }
    if (updateEverySteps < 1) {
      throw new IllegalArgumentException(
          "SWA updateEverySteps must be at least 1, got " + updateEverySteps);
    }
    if (!(lr >= 0)) {
      throw new IllegalArgumentException("SWA lr must be at least 0, got " + lr);
    }
    if (annealSteps < 1) {
      throw new IllegalArgumentException("SWA annealSteps must be at least 1, got " + annealSteps);
    }
    this.start = start;
    this.end = end;
    this.updateEverySteps = updateEverySteps;
    this.lr = lr;
    this.annealSteps = annealSteps;
    this.annealStrategy = annealStrategy;
  }

  /** Weight sets in the average so far. */
  public long count() {
    return count;
  }

  /** Whether the window is over and the average has replaced the training weights. */
  public boolean finished() {
    return finished;
  }

  /** Keeps the run, and gives it the window's own learning rate when there is one. */
  @Override
  public void onFitStart(Run run) {
    this.run = run;
    if (lr > 0) {
      run.replaceSchedule(
          pipeline ->
              new SwaLearningRate(
                  pipeline, start, end, updateEverySteps, lr, annealSteps, annealStrategy));
    }
  }

  @Override
  public void afterStep(Step step) {
    if (weights.swappedIn()) {
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

  /** Adds the model's current weights to the average: {@code avg ← (n·avg + w)/(n + 1)}. */
  public void takeIn(Block model) {
    if (count == 0) {
      weights.start(model);
    } else {
      weights.update(count / (double) (count + 1));
    }
    count++;
  }

  /**
   * Puts the average into the training weights for good, recomputes BatchNorm for it, and frees the
   * average (the model holds it now).
   */
  private void finish(Block model) {
    weights.copyIntoModel();
    recomputeStatistics(model);
    weights.close();
    finished = true;
  }

  /**
   * Inside the window: sets the training weights aside, copies the average in and recomputes
   * BatchNorm's statistics for it. Before the window and after it the model is left as it is.
   */
  @Override
  public void swapIn(Block model) {
    if (weights.swapIn(model)) {
      recomputeStatistics(model);
    }
  }

  @Override
  public void swapOut(Block model) {
    weights.swapOut(model);
  }

  private void recomputeStatistics(Block model) {
    if (run == null) {
      throw new IllegalStateException("onFitStart was not called before the first step");
    }
    // The seed varies with the number of weight sets, so each recomputation sees other batches.
    BatchNormStatistics.recompute(
        model,
        run.trainData(),
        run.manager(),
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
    return weights.averages();
  }

  @Override
  public Map<String, NDArray> saveState(NDManager into) {
    Map<String, NDArray> state = new LinkedHashMap<>();
    state.put("count", into.create(count));
    state.put("finished", into.create(finished ? 1L : 0L));
    weights.save(state, into, "average/");
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
    if (savedCount > 0 && !savedFinished) {
      weights.load(model, state, "average/");
    }
    count = savedCount;
    finished = savedFinished;
  }

  /** Frees the average; call it after {@link #swapOut}. */
  @Override
  public void close() {
    weights.close();
    count = 0;
    finished = false;
  }
}
