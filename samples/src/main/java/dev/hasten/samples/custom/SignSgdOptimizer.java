package dev.hasten.samples.custom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * signSGD without momentum: {@code w ← w − lr·sign(g)}, so every weight with a gradient moves by
 * exactly the learning rate (by nothing where its gradient is 0). It keeps no state, so a
 * checkpoint holds none of it. Written against the public DJL API only, as a user's would be.
 */
public final class SignSgdOptimizer implements ParameterUpdater {
  private final double lr;

  public SignSgdOptimizer(SignSgd values) {
    if (!(values.lr() > 0)) {
      throw new IllegalArgumentException(
          "signSGD needs a learning rate above 0, got " + values.lr());
    }
    this.lr = values.lr();
  }

  @Override
  public double baseLearningRate() {
    return lr;
  }

  @Override
  public void update(List<Parameter> parameters, double lr) {
    for (Parameter parameter : parameters) {
      if (!parameter.requiresGradient() || !parameter.isInitialized()) {
        continue;
      }
      NDArray w = parameter.getArray();
      try (NDManager scratch = w.getManager().newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(scratch);
        w.subi(g.sign().muli(lr));
        g.subi(g); // zeroes the gradient in place for the next backward pass
      }
    }
  }

  @Override
  public Map<String, NDArray> saveState(ParameterList parameters, NDManager into) {
    return Map.of();
  }

  @Override
  public void loadState(ParameterList parameters, Map<String, NDArray> state) {
    checkState(parameters, state);
  }

  @Override
  public Set<String> checkState(ParameterList parameters, Map<String, NDArray> state) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException(
          "optimizer state "
              + state.keySet().iterator().next()
              + " is kept, but signSGD keeps none");
    }
    return Set.of();
  }

  @Override
  public String toString() {
    return "signSGD(lr=" + lr + ")";
  }
}
