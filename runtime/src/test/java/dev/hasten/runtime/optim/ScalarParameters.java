package dev.hasten.runtime.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

/** One-number parameters with the gradient of {@code w²}, so that each step is hand-checkable. */
final class ScalarParameters {
  private ScalarParameters() {}

  static Parameter scalar(NDManager manager, String name, float value) {
    NDArray array = manager.create(new float[] {value});
    array.setRequiresGradient(true);
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optArray(array)
        .optRequiresGrad(true)
        .build();
  }

  /** Backward of {@code Σ w²} over the parameters: each gradient becomes {@code 2w}. */
  static void backwardOfSquares(Parameter... parameters) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (Parameter p : parameters) {
        NDArray w = p.getArray();
        NDArray square = w.mul(w).sum();
        loss = loss == null ? square : loss.add(square);
      }
      collector.backward(loss);
    }
  }

  static float value(Parameter parameter) {
    return parameter.getArray().getFloat(0);
  }

  static float gradient(Parameter parameter) {
    try (NDArray g = parameter.getArray().getGradient()) {
      return g.getFloat(0);
    }
  }
}
