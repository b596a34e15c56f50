package dev.hasten.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.GptSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GPT's forward pass leaves nothing behind in the manager its weights live in: everything it
 * makes belongs to its input's manager (a step's, an evaluation chunk's), freed when that closes.
 * An op on a weight (a slice of the position table, the transposed token matrix) would otherwise
 * land in the weights' long-lived manager, one array per forward, for as long as the run lasts.
 */
class GptArraysTest {
  private NDManager weights;

  @BeforeEach
  void open() {
    weights = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(3);
  }

  @AfterEach
  void close() {
    weights.close();
  }

  private Block toy() {
    Block gpt = new Models().gpt(GptSize.TOY, 256, 16);
    gpt.initialize(weights, DataType.FLOAT32, new Shape(1, 16));
    return gpt;
  }

  /** Trains with a step's manager each time, as a run does: forward, backward, then close. */
  private void trainingSteps(Block gpt, int steps, int length) {
    ParameterStore store = new ParameterStore(weights, false);
    for (int s = 0; s < steps; s++) {
      try (NDManager step = weights.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray tokens = step.randomInteger(0, 256, new Shape(2, length), DataType.INT64);
        NDArray logits = gpt.forward(store, new NDList(tokens), true).singletonOrThrow();
        collector.backward(logits.mean());
      }
    }
  }

  /** After the first step, which keeps the gradients and each layer's attention mask. */
  @Test
  void trainingStepsLeaveNoArrayInTheWeightsManager() {
    Block gpt = toy();
    for (Parameter p : gpt.getParameters().values()) {
      p.getArray().setRequiresGradient(true);
    }
    // The first step makes the gradients and the masks, which live as long as the weights.
    trainingSteps(gpt, 1, 16);
    int before = weights.getManagedArrays().size();

    trainingSteps(gpt, 5, 16);
    trainingSteps(gpt, 5, 9);

    assertEquals(before, weights.getManagedArrays().size());
  }

  @Test
  void inferenceLeavesNoArrayInTheWeightsManager() {
    Block gpt = toy();
    ParameterStore store = new ParameterStore(weights, false);
    int weightsOnly = weights.getManagedArrays().size();
    // The first pass keeps each layer's attention mask, for the whole run: one array in each of
    // the 4 layers, and none of the arrays that built it.
    try (NDManager chunk = weights.newSubManager()) {
      gpt.forward(store, new NDList(chunk.zeros(new Shape(1, 16), DataType.INT64)), false);
    }
    int before = weights.getManagedArrays().size();
    assertEquals(weightsOnly + 4, before);

    for (int s = 0; s < 5; s++) {
      try (NDManager chunk = weights.newSubManager()) {
        NDArray tokens = chunk.randomInteger(0, 256, new Shape(3, 12), DataType.INT64);
        gpt.forward(store, new NDList(tokens), false);
      }
    }

    assertEquals(before, weights.getManagedArrays().size());
  }
}
