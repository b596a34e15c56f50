package dev.hasten.runtime.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashSet;
import java.util.Set;

/**
 * The run's parameter store, which also notes which parameters the training forward passes of the
 * current step read: the parameters in the step's graph. A parameter the step's forward pass did
 * not read (the branch stochastic depth dropped) has no gradient this step, so the optimizer and
 * the decays leave it alone, as PyTorch's optimizers skip a parameter whose gradient {@code
 * zero_grad(set_to_none=True)} left None. The gradients are zeroed in place rather than unset (the
 * PyTorch JNI of DJL cannot unset one), so this record stands in for PyTorch's None.
 */
final class ForwardParameters extends ParameterStore {
  private final Set<String> read = new HashSet<>();

  ForwardParameters(NDManager manager) {
    super(manager, false);
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    if (training && parameter != null) { // DJL asks for a bias a layer does not have
      read.add(parameter.getId());
    }
    return super.getValue(parameter, device, training);
  }

  /** Forgets the last step's parameters: a new step starts. */
  void clear() {
    read.clear();
  }

  /** Whether a training forward pass read {@code parameter} since the step started. */
  boolean wasRead(Parameter parameter) {
    return read.contains(parameter.getId());
  }
}
