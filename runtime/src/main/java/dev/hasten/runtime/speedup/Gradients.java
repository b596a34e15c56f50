package dev.hasten.runtime.speedup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import dev.hasten.runtime.loop.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradients of a model's parameters as the speedups that act on them (clipping, Sam, loss
 * scaling) need them: read without copying, changed in place, zeroed in place.
 *
 * <p>The gradient is read through the PyTorch JNI, as the optimizers do: {@code getGradient} on a
 * parameter whose gradient is undefined would allocate zeros, where this returns nothing, so that a
 * parameter the backward pass did not reach is left alone exactly as the optimizer leaves it.
 */
final class Gradients {
  private Gradients() {}

  /**
   * A parameter that takes an update and its gradient (a view: in-place ops change the gradient).
   */
  record Entry(Parameter parameter, NDArray gradient) {
    NDArray weight() {
      return parameter.getArray();
    }
  }

  /**
   * Every parameter of {@code model} that has a gradient, with the gradient as an array owned by
   * {@code scratch}; frozen, uninitialised and unreached parameters are left out.
   */
  static List<Entry> of(Block model, NDManager scratch) {
    List<Entry> entries = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      NDArray gradient = of(named.getValue(), scratch);
      if (gradient != null) {
        entries.add(new Entry(named.getValue(), gradient));
      }
    }
    return entries;
  }

  /**
   * As {@link #of(Block, NDManager)} for the step's model, without the parameters the step's
   * forward pass did not read: their gradient is a zero left from an earlier step, not one of this
   * step (PyTorch's would be None).
   */
  static List<Entry> of(Step step, NDManager scratch) {
    List<Entry> entries = new ArrayList<>();
    for (Pair<String, Parameter> named : step.model().getParameters()) {
      if (!step.readInForward(named.getValue())) {
        continue;
      }
      NDArray gradient = of(named.getValue(), scratch);
      if (gradient != null) {
        entries.add(new Entry(named.getValue(), gradient));
      }
    }
    return entries;
  }

  /** The parameter's gradient owned by {@code scratch}, or null when it has none. */
  static NDArray of(Parameter parameter, NDManager scratch) {
    if (!parameter.requiresGradient() || !parameter.isInitialized()) {
      return null;
    }
    return of(parameter.getArray(), scratch);
  }

  /** The gradient of an array that requires one, owned by {@code scratch}, or null when none. */
  static NDArray of(NDArray weight, NDManager scratch) {
    NDArray gradient;
    if (weight instanceof PtNDArray) {
      gradient = JniUtils.getGradient((PtNDArray) weight);
    } else {
      gradient = weight.hasGradient() ? weight.getGradient() : null;
    }
    if (gradient != null) {
      gradient.attach(scratch);
    }
    return gradient;
  }

  /** Zeroes a gradient in place, so that the next backward pass starts from zero. */
  static void zero(Entry entry) {
    if (entry.weight() instanceof PtNDArray) {
      JniUtils.zeroGrad((PtNDArray) entry.weight());
    } else {
      entry.gradient().subi(entry.gradient());
    }
  }

  /**
   * {@code sqrt(Σ ‖g‖²)} over all the gradients, as a 0-dimensional array on their device (no read
   * back to the host), in the manager of the first gradient.
   */
  static NDArray globalNorm(List<Entry> entries) {
    NDArray sum = null;
    for (Entry e : entries) {
      NDArray squares = e.gradient().square().sum();
      sum = sum == null ? squares : sum.addi(squares);
    }
    if (sum == null) {
      throw new IllegalArgumentException("no gradients to take the norm of");
    }
    return sum.sqrt();
  }
}
