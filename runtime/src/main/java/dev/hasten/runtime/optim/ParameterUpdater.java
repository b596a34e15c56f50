package dev.hasten.runtime.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that updates parameters in place from their gradients, following PyTorch's update
 * rules (not DJL's MXNet-style ones). Per-parameter state (momentum, moments) is kept by the
 * updater, keyed by parameter id, allocated lazily on the parameter's device.
 */
public interface ParameterUpdater {
  /** The learning rate the schedule scales. */
  double baseLearningRate();

  /**
   * Shows the optimizer the model whose parameters it updates: called once by a run, after the
   * model is initialised and before any state is checked, restored or updated. For an optimizer
   * whose rule depends on where a parameter sits in the model (Muon's hidden matrices); does
   * nothing by default.
   */
  default void prepare(Block model) {}

  /**
   * Applies one update with learning rate {@code lr} to every trainable parameter of {@code
   * parameters} that has a gradient, in place, then zeroes those gradients. The caller passes only
   * the parameters that had a gradient this step (a run passes those its step's forward pass read):
   * one left out takes no momentum step and no weight decay, as in PyTorch.
   */
  void update(List<Parameter> parameters, double lr);

  /**
   * Copies of the per-parameter state (momentum, moments, step counts) into {@code into}, keyed by
   * names derived from the parameters' paths in {@code parameters} (a model's {@code
   * getParameters()}), so that they survive a new process; for checkpoints.
   */
  Map<String, NDArray> saveState(ParameterList parameters, NDManager into);

  /** Restores state saved by {@link #saveState}; parameters not named there start afresh. */
  void loadState(ParameterList parameters, Map<String, NDArray> state);

  /**
   * Checks that {@link #saveState} could have written {@code state} for {@code parameters}, and
   * changes nothing: every name is a slot of a parameter, a parameter has all its slots or none,
   * and each tensor has its parameter's shape and data type (counts: int64 scalars of at least 1).
   *
   * @return the names of the parameters that have state
   * @throws IllegalArgumentException naming the first array that does not fit
   */
  java.util.Set<String> checkState(ParameterList parameters, Map<String, NDArray> state);
}
