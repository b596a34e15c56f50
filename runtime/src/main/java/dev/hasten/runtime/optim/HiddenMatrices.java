package dev.hasten.runtime.optim;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a model that Muon orthogonalises, its hidden matrices: every two-dimensional
 * parameter except those of the model's first and last layers that hold parameters.
 *
 * <p>Why this rule: Muon is for the weights between hidden layers; the input embedding and the
 * output layer are not (Keller Jordan's own code sends them to AdamW, picked by their names). Here
 * they are found by position, without names or layer types: the layers that hold parameters, walked
 * depth first as the model lists its blocks (a block's own parameters before its children's, which
 * is forward order for sequential models), start with the input layer and end with the output
 * layer. In the catalog's GPT the first is the token and position embedding, whose token matrix is
 * also the tied output projection, and the last is the final LayerNorm; in a CNN, the first
 * convolution and the classifier. Gains, biases (one-dimensional) and convolution filters (four)
 * are never hidden matrices.
 */
final class HiddenMatrices {
  private HiddenMatrices() {}

  /** The ids of {@code model}'s hidden matrices; the model must be initialised. */
  static Set<String> of(Block model) {
    List<List<Parameter>> layers = new ArrayList<>();
    collect(model, layers);
    Set<String> boundary = new HashSet<>();
    if (!layers.isEmpty()) {
      layers.get(0).forEach(p -> boundary.add(p.getId()));
      layers.get(layers.size() - 1).forEach(p -> boundary.add(p.getId()));
    }
    Set<String> hidden = new HashSet<>();
    for (List<Parameter> layer : layers) {
      for (Parameter parameter : layer) {
        if (!boundary.contains(parameter.getId()) && shapeOf(parameter).dimension() == 2) {
          hidden.add(parameter.getId());
        }
      }
    }
    return hidden;
  }

  /**
   * Appends the parameters of each block that holds some, depth first, a block before its children.
   */
  private static void collect(Block block, List<List<Parameter>> layers) {
    List<Parameter> own = new ArrayList<>(block.getDirectParameters().values());
    if (!own.isEmpty()) {
      layers.add(own);
    }
    for (Block child : block.getChildren().values()) {
      collect(child, layers);
    }
  }

  private static Shape shapeOf(Parameter parameter) {
    if (parameter.isInitialized()) {
      return parameter.getArray().getShape();
    }
    Shape shape = parameter.getShape();
    if (shape == null) {
      throw new IllegalStateException(
          "parameter " + parameter.getName() + " has no shape yet: initialise the model first");
    }
    return shape;
  }
}
