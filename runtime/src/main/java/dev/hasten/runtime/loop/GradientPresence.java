package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.hasten.runtime.model.Scalars;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which parameters have a gradient at all: state that PyTorch keeps between steps and a checkpoint
 * therefore keeps too.
 *
 * <p>A parameter's gradient is undefined until a backward pass first reaches it; the optimizers
 * then zero it in place after each update, so it stays defined, and they skip a parameter whose
 * gradient is undefined (as PyTorch's do). A parameter that a step does not reach (the branch of a
 * residual block that stochastic depth dropped) is left out of the step's update by the loop
 * whether its gradient is defined or not ({@link ForwardParameters}), so the update no longer
 * depends on this; a resumed run still restores it, so that its gradients, and anything a speedup
 * reads from them, are the uninterrupted run's.
 */
final class GradientPresence {
  private GradientPresence() {}

  /** The names of {@code model}'s parameters whose gradient is defined now. */
  static List<String> withGradient(Block model) {
    List<String> names = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      if (named.getValue().isInitialized() && hasGradient(named.getValue().getArray())) {
        names.add(named.getKey());
      }
    }
    return names;
  }

  private static boolean hasGradient(NDArray array) {
    if (!(array instanceof PtNDArray)) {
      return array.hasGradient();
    }
    // Null for an undefined gradient (PtNDArray.getGradient would make zeros up instead).
    try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) array)) {
      return gradient != null;
    }
  }

  /**
   * Gives every parameter named in {@code names} that needs a gradient and has none a zero one, as
   * the optimizer's zeroing leaves it: one backward pass of {@code 0 · Σ_p sum(p)}, which adds
   * exact zeros and leaves a defined gradient's values as they are. Temporaries live in a
   * sub-manager of {@code manager}.
   */
  static void define(Block model, Collection<String> names, NDManager manager) {
    List<NDArray> weights = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      Parameter p = named.getValue();
      if (names.contains(named.getKey())
          && p.isInitialized()
          && p.requiresGradient()
          && !hasGradient(p.getArray())) {
        weights.add(p.getArray());
      }
    }
    if (weights.isEmpty()) {
      return;
    }
    try (NDManager scratch = manager.newSubManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray total = null;
      for (NDArray w : weights) {
        NDArray sum = w.sum();
        sum.attach(scratch);
        total = total == null ? sum : total.add(sum);
      }
      NDArray zero = Scalars.times(total, 0);
      zero.attach(scratch);
      collector.backward(zero);
    }
  }
}
