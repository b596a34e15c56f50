package test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** signSGD (Bernstein et al., 2018): {@code w -= lr·sign(g)}, without state. */
public class SignSgdOptimizer implements ParameterUpdater {
  private final double lr;

  public SignSgdOptimizer(SignSgd values) {
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
        g.subi(g);
      }
    }
  }

  @Override
  public Map<String, NDArray> saveState(ParameterList parameters, NDManager into) {
    return Map.of();
  }

  @Override
  public void loadState(ParameterList parameters, Map<String, NDArray> state) {}

  @Override
  public Set<String> checkState(ParameterList parameters, Map<String, NDArray> state) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException("signSGD keeps no state, yet " + state.keySet() + " is kept");
    }
    return Set.of();
  }
}
