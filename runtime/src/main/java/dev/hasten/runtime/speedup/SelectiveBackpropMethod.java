package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.SelectiveBackprop;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.CrossEntropy;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.loop.stage.BatchTransform;
import dev.hasten.runtime.loop.stage.FitStartHook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * {@link SelectiveBackprop} (Jiang et al. 2019, as Composer's {@code select_using_loss}): on a step
 * where it applies, scores every example of the batch by its loss in a forward pass without
 * gradients, then keeps {@code ⌊keep·n⌋} of them for the training forward and backward.
 *
 * <p>Which examples: sorted by loss, the example at rank {@code i} (0 = lowest loss) of {@code n}
 * has percentile {@code (i + ½) / n} and is drawn with weight {@code percentile^(1/keep − 1)},
 * without replacement. High-loss examples are the likeliest, but not certain, to be kept; with
 * {@code keep = ½} the weight is the percentile itself.
 *
 * <p>When: while the run's progress is in {@code [start, end)}, except on every {@code
 * interrupt}-th step (step numbers counted from 1 over the whole run; Composer counts batches
 * within the epoch).
 *
 * <p>The scoring pass runs the model in inference mode: BatchNorm uses its running statistics and
 * does not count the batch into them a second time, and the loss is that of the model as it stands,
 * with no dropout or dropped blocks. Per step: one forward pass, one read of {@code n} losses back
 * to the host, one index upload and two gathers. The draw comes from {@code
 * step.random("selective-backprop")}.
 *
 * <p>The step's inputs and targets become the kept ones; its {@code labels()} keep the whole batch
 * (a {@code Step} cannot replace them). Its effect, cheaper steps, puts it before the batch
 * transforms that only improve sample efficiency (MixUp, CutMix, CutOut), so they see only the kept
 * examples, as Composer asks.
 */
public final class SelectiveBackpropMethod implements FitStartHook, BatchTransform {
  private final double start;
  private final double end;
  private final double keep;
  private final double scaleFactor;
  private final int interrupt;

  /** From the pipeline's annotation. */
  public SelectiveBackpropMethod(SelectiveBackprop config) {
    this(config.start(), config.end(), config.keep(), config.scaleFactor(), config.interrupt());
  }

  /**
   * @param start the fraction of the run where selection starts, in [0, 1]
   * @param end the fraction where it ends (exclusive), in [0, 1], above {@code start}
   * @param keep the fraction of each batch kept, in (0, 1)
   * @param scaleFactor the scale of the images in the scoring pass, in (0, 1]
   * @param interrupt every {@code interrupt}-th step trains on the whole batch; 0 never; not 1
   */
  public SelectiveBackpropMethod(
      double start, double end, double keep, double scaleFactor, int interrupt) {
    if (!(start >= 0 && start <= 1 && end >= 0 && end <= 1 && start < end)) {
      throw new IllegalArgumentException(
          "selective backprop needs 0 <= start < end <= 1, got start " + start + ", end " + end);
    }
    if (!(keep > 0 && keep < 1)) {
      throw new IllegalArgumentException("selective backprop keep must be in (0, 1), got " + keep);
    }
    if (!(scaleFactor > 0 && scaleFactor <= 1)) {
      throw new IllegalArgumentException(
          "selective backprop scaleFactor must be in (0, 1], got " + scaleFactor);
    }
    if (interrupt < 0) {
      throw new IllegalArgumentException(
          "selective backprop interrupt must be >= 0, got " + interrupt);
    }
    if (interrupt == 1) {
      throw new InvalidInputException(
          "@SelectiveBackprop(interrupt = 1) would interrupt every step and never select;"
              + " use 0 (never interrupt) or 2 or more");
    }
    this.start = start;
    this.end = end;
    this.keep = keep;
    this.scaleFactor = scaleFactor;
    this.interrupt = interrupt;
  }

  /** Scoring on down-scaled images needs a model that accepts them: checked before any step. */
  @Override
  public void onFitStart(Run run) {
    if (scaleFactor < 1 && !run.spec().traits().contains(Trait.GLOBAL_POOL)) {
      throw new InvalidInputException(
          "@SelectiveBackprop(scaleFactor = "
              + scaleFactor
              + ") scores down-scaled images, which needs a model that accepts any input size:"
              + " declare GLOBAL_POOL in @Model(traits) for such a model, or use scaleFactor = 1");
    }
  }

  /**
   * Whether selection applies to the step numbered {@code stepIndex} (from 0) at {@code progress}.
   */
  public boolean appliesAt(double progress, long stepIndex) {
    boolean inInterval = progress >= start && progress < end;
    boolean interrupted = interrupt != 0 && (stepIndex + 1) % interrupt == 0;
    return inInterval && !interrupted;
  }

  @Override
  public void transformBatch(Step step) {
    if (!appliesAt(step.progress(), step.index())) {
      return;
    }
    NDArray inputs = step.inputs();
    int batch = Math.toIntExact(inputs.getShape().get(0));
    int kept = keptCount(batch, keep);
    if (kept >= batch) {
      return;
    }
    float[] losses = perExampleLosses(step).toFloatArray();
    long[] chosen = select(losses, kept, keep, step.random("selective-backprop"));
    NDIndex index = new NDIndex("{}", step.manager().create(chosen));
    step.setInputs(inputs.get(index));
    step.setTargets(step.targets().get(index));
  }

  /** The loss of every example of the step, from a forward pass in inference mode. */
  private NDArray perExampleLosses(Step step) {
    NDArray x = step.inputs();
    if (scaleFactor < 1) {
      Shape shape = x.getShape();
      int height = Math.max(1, (int) Math.floor(shape.get(2) * scaleFactor));
      int width = Math.max(1, (int) Math.floor(shape.get(3) * scaleFactor));
      x = ProgressiveResizingMethod.resize(x, height, width);
    }
    NDArray logits =
        step.model()
            .forward(new ParameterStore(step.manager(), false), new NDList(x), false)
            .singletonOrThrow();
    return CrossEntropy.perPrediction(logits, step.targets());
  }

  /** {@code ⌊keep·n⌋} examples, at least 1. */
  public static int keptCount(int batch, double keep) {
    return Math.max(1, (int) (keep * batch));
  }

  /**
   * The drawing weight of each loss rank, normalised to sum to 1: rank {@code i} (0 = lowest loss)
   * of {@code n} weighs {@code ((i + ½) / n)^(1/keep − 1)}.
   */
  public static double[] rankWeights(int n, double keep) {
    double exponent = 1.0 / keep - 1.0;
    double[] weights = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = Math.pow((i + 0.5) / n, exponent);
      sum += weights[i];
    }
    for (int i = 0; i < n; i++) {
      weights[i] /= sum;
    }
    return weights;
  }

  /**
   * Draws {@code count} examples without replacement, each by the weight of its loss rank (one draw
   * after another among those left, as numpy's {@code choice(replace=False, p=…)}).
   *
   * @return the chosen examples' positions in the batch, in increasing order
   */
  public static long[] select(float[] losses, int count, double keep, Random random) {
    int n = losses.length;
    Integer[] byLoss = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(byLoss, Comparator.comparingDouble(i -> losses[i]));
    double[] weights = rankWeights(n, keep);
    List<Integer> left = new ArrayList<>(n);
    for (int rank = 0; rank < n; rank++) {
      left.add(rank);
    }
    double leftWeight = 1.0;
    long[] chosen = new long[count];
    for (int c = 0; c < count; c++) {
      double u = random.nextDouble() * leftWeight;
      int pick = left.size() - 1; // where rounding leaves u past the last weight
      for (int j = 0; j < left.size(); j++) {
        u -= weights[left.get(j)];
        if (u < 0) {
          pick = j;
          break;
        }
      }
      int rank = left.remove(pick);
      leftWeight -= weights[rank];
      chosen[c] = byLoss[rank];
    }
    Arrays.sort(chosen);
    return chosen;
  }
}
