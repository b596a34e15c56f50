package com.example.fashion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LARS for each parameter tensor {@code w} with gradient {@code g}:
 *
 * <pre>
 *   local = η·‖w‖ / (‖g‖ + β·‖w‖)      (1 where ‖w‖ or ‖g‖ is 0)
 *   w    ← w − lr · local · (g + β·w)
 * </pre>
 *
 * <p>It differs from the paper's Algorithm 1 on purpose: it takes the step without momentum, so
 * that it keeps no state and a checkpoint holds none of it. Written against the public DJL API
 * only, as any project's optimizer would be.
 */
public final class LarsOptimizer implements ParameterUpdater {
  private final double lr;
  private final double trust;
  private final double weightDecay;

  public LarsOptimizer(Lars values) {
    this.lr = values.lr();
    this.trust = values.trust();
    this.weightDecay = values.weightDecay();
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
        double local = localRate(w.norm().getFloat(), g.norm().getFloat());
        NDArray direction = weightDecay == 0 ? g.duplicate() : g.add(w.mul(weightDecay));
        w.subi(direction.muli(lr * local));
        g.subi(g); // zeroes the gradient in place for the next backward pass
      }
    }
  }

  /** {@code η·‖w‖ / (‖g‖ + β·‖w‖)}, or 1 where either norm is 0. */
  double localRate(double weightNorm, double gradientNorm) {
    if (weightNorm == 0 || gradientNorm == 0) {
      return 1;
    }
    return trust * weightNorm / (gradientNorm + weightDecay * weightNorm);
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
          "optimizer state " + state.keySet().iterator().next() + " is kept, but LARS keeps none");
    }
    return Set.of();
  }

  @Override
  public String toString() {
    return "LARS(lr=" + lr + ", trust=" + trust + ", weightDecay=" + weightDecay + ")";
  }
}
