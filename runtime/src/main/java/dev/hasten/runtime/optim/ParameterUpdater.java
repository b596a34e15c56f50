package dev.hasten.runtime.optim;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * An optimizer that updates parameters in place from their gradients, following PyTorch's
 * update rules (not DJL's MXNet-style ones). Per-parameter state (momentum, moments) is kept by
 * the updater, keyed by parameter id, allocated lazily on the parameter's device.
 */
public interface ParameterUpdater {
  /** The learning rate the schedule scales. */
  double baseLearningRate();

  /**
   * Applies one update with learning rate {@code lr} to every trainable parameter that has a
   * gradient, in place, then zeroes those gradients.
   */
  void update(List<Parameter> parameters, double lr);
}
