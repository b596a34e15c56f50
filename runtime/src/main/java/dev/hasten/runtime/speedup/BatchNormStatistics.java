package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.hasten.runtime.loop.Permutation;
import dev.hasten.runtime.loop.SplitData;
import dev.hasten.runtime.speedup.surgery.EvaluationForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Recomputes the running statistics of a model's BatchNorm layers for the weights it has now, as
 * PyTorch's {@code swa_utils.update_bn}: the statistics are reset (mean 0, variance 1) and the
 * model runs forward in training mode, without gradients, over batches of training images.
 *
 * <p>The statistics are for the network evaluation runs, so every block that a speedup makes behave
 * differently in training runs in its {@link EvaluationForm}: stochastic depth's branches all on,
 * each scaled by its keep probability, whatever the last training step drew. Here this differs from
 * {@code update_bn} with Composer's stochastic depth, which draws a new depth for each batch and so
 * measures networks that evaluation never runs.
 *
 * <p>PyTorch's version sets each layer's momentum to None for the pass, so the statistics become a
 * plain average over all batches. DJL's BatchNorm does not expose its momentum, so here each layer
 * keeps its own moving average ({@code r ← m·r + (1 − m)·batch}) over {@link #BATCHES} batches:
 * with DJL's default {@code m = 0.9} the reset values keep a weight of {@code 0.9^50 ≈ 0.5%}, and
 * the statistics weigh the last ten or so batches most, as they do in training.
 */
final class BatchNormStatistics {
  /** Batches of forward passes per recomputation. */
  static final int BATCHES = 50;

  private BatchNormStatistics() {}

  /** Whether {@code model} has running statistics to recompute. */
  static boolean present(Block model) {
    return !statistics(model, Parameter.Type.RUNNING_MEAN).isEmpty();
  }

  /**
   * Resets and recomputes the statistics on {@code batches} batches of {@code batchSize} images
   * drawn without replacement from {@code images} (all of them if there are fewer), in an order
   * fixed by {@code seed}.
   */
  static void recompute(Block model, NDArray images, int batchSize, int batches, long seed) {
    recompute(
        model,
        images.getShape().get(0),
        (manager, picked) -> images.get(manager, new NDIndex("{}", manager.create(picked))),
        images.getManager(),
        batchSize,
        batches,
        seed);
  }

  /** As {@link #recompute(Block, NDArray, int, int, long)}, on a split resident or streamed. */
  static void recompute(
      Block model, SplitData data, NDManager manager, int batchSize, int batches, long seed) {
    recompute(
        model,
        data.size(),
        (into, picked) -> data.gather(into, picked).inputs(),
        manager,
        batchSize,
        batches,
        seed);
  }

  /** Gathers the images at some indices into a manager. */
  private interface Gather {
    NDArray images(NDManager into, long[] indices);
  }

  private static void recompute(
      Block model,
      long available,
      Gather gather,
      NDManager manager,
      int batchSize,
      int batches,
      long seed) {
    List<Parameter> means = statistics(model, Parameter.Type.RUNNING_MEAN);
    if (means.isEmpty()) {
      return;
    }
    for (Parameter mean : means) {
      fill(mean.getArray(), 0);
    }
    for (Parameter variance : statistics(model, Parameter.Type.RUNNING_VAR)) {
      fill(variance.getArray(), 1);
    }
    long[] order = Permutation.of(new Random(seed), Math.toIntExact(available));
    try (NoGradient noGradient = new NoGradient();
        EvaluationForm.Scope evaluationForm = EvaluationForm.everywhere(model);
        NDManager scratch = manager.newSubManager()) {
      ParameterStore store = new ParameterStore(scratch, false);
      for (int b = 0; b < batches; b++) {
        long from = (long) b * batchSize;
        if (from >= available) {
          break;
        }
        long to = Math.min(from + batchSize, available);
        try (NDManager batch = scratch.newSubManager()) {
          long[] picked = new long[(int) (to - from)];
          System.arraycopy(order, (int) from, picked, 0, picked.length);
          NDArray x = gather.images(batch, picked);
          model.forward(store, new NDList(x), true);
        }
      }
    }
  }

  private static List<Parameter> statistics(Block model, Parameter.Type type) {
    List<Parameter> found = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      Parameter p = named.getValue();
      if (p.getType() == type && p.isInitialized()) {
        found.add(p);
      }
    }
    return found;
  }

  private static void fill(NDArray array, float value) {
    array.set(new NDIndex(":"), value);
  }
}
