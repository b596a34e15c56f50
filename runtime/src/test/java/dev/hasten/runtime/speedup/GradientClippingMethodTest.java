package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.ClippingType;
import dev.hasten.dsl.speedup.GradientClipping;
import org.junit.jupiter.api.Test;

class GradientClippingMethodTest {
  @GradientClipping(clippingType = ClippingType.VALUE, clippingThreshold = 2.5)
  static class Config {}

  /**
   * A Linear layer {@code y = W·x + b} with the given weights, and gradients left by the backward
   * pass of {@code L = Σ_i c_i·y_i} at input {@code x}: {@code dL/dW[i][j] = c_i·x_j}, {@code
   * dL/db_i = c_i}.
   */
  static Block linearWithGradients(
      NDManager manager, float[][] weights, float[] bias, float[] x, float[] c) {
    int out = weights.length;
    int in = weights[0].length;
    Block linear = Linear.builder().setUnits(out).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, in));
    float[] flat = new float[out * in];
    for (int i = 0; i < out; i++) {
      System.arraycopy(weights[i], 0, flat, i * in, in);
    }
    linear.getParameters().get("weight").getArray().set(flat);
    linear.getParameters().get("bias").getArray().set(bias);
    try (NDManager pass = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y =
          linear
              .forward(
                  new ParameterStore(pass, false),
                  new NDList(pass.create(x, new Shape(1, in))),
                  true)
              .singletonOrThrow();
      collector.backward(y.mul(pass.create(c, new Shape(1, out))).sum());
    }
    return linear;
  }

  static float[] gradient(Block model, String name) {
    return model.getParameters().get(name).getArray().getGradient().toFloatArray();
  }

  @Test
  void normClippingScalesAllGradientsByThresholdOverGlobalNorm() {
    // W = [[1]], x = 0.75, c = 4: dW = 4·0.75 = 3, db = 4; global norm sqrt(9 + 16) = 5.
    // Threshold 1: coefficient 1 / (5 + 1e-6) → dW = 0.6, db = 0.8.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          linearWithGradients(
              manager, new float[][] {{1}}, new float[] {0}, new float[] {0.75f}, new float[] {4});
      new GradientClippingMethod(ClippingType.NORM, 1.0).clip(model, manager);
      assertEquals(0.6f, gradient(model, "weight")[0], 1e-6);
      assertEquals(0.8f, gradient(model, "bias")[0], 1e-6);
    }
  }

  @Test
  void normClippingLeavesGradientsUnderTheThresholdAlone() {
    // Same gradients (norm 5), threshold 10: coefficient min(1, 10 / 5) = 1.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          linearWithGradients(
              manager, new float[][] {{1}}, new float[] {0}, new float[] {0.75f}, new float[] {4});
      new GradientClippingMethod(ClippingType.NORM, 10.0).clip(model, manager);
      assertEquals(3f, gradient(model, "weight")[0], 1e-6);
      assertEquals(4f, gradient(model, "bias")[0], 1e-6);
    }
  }

  @Test
  void valueClippingClampsEachElementIntoPlusMinusThreshold() {
    // W 2×1 = [[1], [1]], x = 1, c = (3, −0.5): dW = (3, −0.5), db = (3, −0.5).
    // Threshold 2.5 (from the annotation): (2.5, −0.5) each.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          linearWithGradients(
              manager,
              new float[][] {{1}, {1}},
              new float[] {0, 0},
              new float[] {1},
              new float[] {3, -0.5f});
      new GradientClippingMethod(Config.class.getAnnotation(GradientClipping.class))
          .clip(model, manager);
      assertArrayEquals(new float[] {2.5f, -0.5f}, gradient(model, "weight"));
      assertArrayEquals(new float[] {2.5f, -0.5f}, gradient(model, "bias"));
    }
  }

  @Test
  void adaptiveClippingBoundsEachRowByThresholdTimesItsWeightNorm() {
    // W = [[3, 4], [0.1, 0]] (row norms 5 and 0.1), b = (0, 0), x = (1, 0), c = (1, 1):
    //   dW = [[1, 0], [1, 0]] (row norms 1, 1), db = (1, 1) (norm sqrt 2).
    // Threshold 0.5:
    //   row 0: 0.5·5 = 2.5 ≥ 1 → unchanged;
    //   row 1: 0.5·0.1 = 0.05 < 1 → scaled by 0.05 → [0.05, 0];
    //   bias: weight norm floored at 1e-3 → 0.5·1e-3 / sqrt 2 = 3.5355339e-4 → each element that.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          linearWithGradients(
              manager,
              new float[][] {{3, 4}, {0.1f, 0}},
              new float[] {0, 0},
              new float[] {1, 0},
              new float[] {1, 1});
      new GradientClippingMethod(ClippingType.ADAPTIVE, 0.5).clip(model, manager);
      float[] dW = gradient(model, "weight");
      assertArrayEquals(new float[] {1, 0, 0.05f, 0}, dW, 1e-6f);
      float[] db = gradient(model, "bias");
      assertEquals(3.5355339e-4f, db[0], 1e-9);
      assertEquals(3.5355339e-4f, db[1], 1e-9);
    }
  }
}
