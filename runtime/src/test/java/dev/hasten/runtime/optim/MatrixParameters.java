package dev.hasten.runtime.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Parameters with values and gradients chosen by hand, and models made of layers that hold them,
 * for optimizers whose rule depends on a parameter's shape and place.
 */
final class MatrixParameters {
  private MatrixParameters() {}

  static Parameter matrix(NDManager manager, String name, float[][] rows) {
    return parameter(manager, name, manager.create(rows));
  }

  static Parameter vector(NDManager manager, String name, float... values) {
    return parameter(manager, name, manager.create(values));
  }

  private static Parameter parameter(NDManager manager, String name, NDArray array) {
    array.setRequiresGradient(true);
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optArray(array)
        .optRequiresGrad(true)
        .build();
  }

  /** Backward of {@code Σ sum(w ⊙ c)}: each parameter's gradient becomes its {@code c}. */
  static void giveGradients(Map<Parameter, NDArray> gradients) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (Map.Entry<Parameter, NDArray> e : gradients.entrySet()) {
        NDArray term = e.getKey().getArray().mul(e.getValue()).sum();
        loss = loss == null ? term : loss.add(term);
      }
      collector.backward(loss);
    }
  }

  /** A model whose layers, in order, hold {@code layers[i]}. */
  static Block model(Parameter[]... layers) {
    SequentialBlock model = new SequentialBlock();
    for (Parameter[] layer : layers) {
      model.add(new Layer(layer));
    }
    return model;
  }

  /** A layer that only holds parameters: optimizers look at the model, never run it. */
  private static final class Layer extends AbstractBlock {
    Layer(Parameter... parameters) {
      for (Parameter parameter : parameters) {
        addParameter(parameter);
      }
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      throw new UnsupportedOperationException("a fixture layer does not run");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      throw new UnsupportedOperationException("a fixture layer does not run");
    }
  }
}
