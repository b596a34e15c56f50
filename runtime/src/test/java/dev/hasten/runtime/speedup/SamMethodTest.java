package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hasten.dsl.speedup.Sam;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamMethodTest {
  @Sam(rho = 0.5, interval = 3)
  static class Config {}

  private static final float[] CURVATURE = {1, 3};

  /** {@code y = w·1} for w of shape [2, 1] (no bias), so that {@code y = (w1, w2)}. */
  private static Block weights(NDManager manager, float w1, float w2) {
    Block model = Linear.builder().setUnits(2).optBias(false).build();
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    model.getParameters().get("weight").getArray().set(new float[] {w1, w2});
    return model;
  }

  /** Backward of the quadratic {@code L(w) = ½ (1·w1² + 3·w2²)}: leaves {@code g = (w1, 3·w2)}. */
  private static void quadraticBackward(Block model, NDManager manager) {
    try (NDManager pass = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray y =
          model
              .forward(
                  new ParameterStore(pass, false), new NDList(pass.ones(new Shape(1, 1))), true)
              .singletonOrThrow();
      collector.backward(y.square().mul(pass.create(CURVATURE, new Shape(1, 2))).sum().mul(0.5));
    }
  }

  private static float[] of(Block model, boolean gradient) {
    NDArray w = model.getParameters().get("weight").getArray();
    return (gradient ? w.getGradient() : w).toFloatArray();
  }

  @Test
  void twoPassStepOnAQuadraticByHand() {
    // L(w) = ½ (w1² + 3 w2²) at w = (1, 1): g = (1, 3), ‖g‖ = sqrt 10 = 3.16227766.
    // ρ = 0.5, ε = 0: e = 0.5·(1, 3)/sqrt 10 = (0.15811388, 0.47434165).
    // w + e = (1.15811388, 1.47434165): g' = (1.15811388, 4.42302495).
    // Weights are restored to (1, 1); SGD lr 0.1 from there with g':
    //   w = (1 − 0.115811388, 1 − 0.442302495) = (0.88418861, 0.55769751).
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = weights(manager, 1, 1);
      quadraticBackward(model, manager);
      new SamMethod(0.5, 0, 1)
          .sharpnessAwareGradient(model, manager, () -> quadraticBackward(model, manager));

      assertArrayEquals(new float[] {1, 1}, of(model, false));
      assertArrayEquals(new float[] {1.15811388f, 4.42302495f}, of(model, true), 1e-6f);

      List<Parameter> parameters = List.of(model.getParameters().get("weight"));
      SgdOptimizer.builder().setLearningRate(0.1).build().update(parameters, 0.1);
      assertArrayEquals(new float[] {0.88418861f, 0.55769751f}, of(model, false), 1e-6f);
    }
  }

  @Test
  void epsilonIsAddedToTheNormBeforeDividing() {
    // w = (0.5, 0): g = (0.5, 0), ‖g‖ = 0.5. ρ = 1, ε = 0.5: e = 1·g/(0.5 + 0.5) = (0.5, 0).
    // w + e = (1, 0): g' = (1, 0).
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = weights(manager, 0.5f, 0);
      quadraticBackward(model, manager);
      new SamMethod(1, 0.5, 1)
          .sharpnessAwareGradient(model, manager, () -> quadraticBackward(model, manager));
      assertArrayEquals(new float[] {1, 0}, of(model, true), 1e-7f);
      assertArrayEquals(new float[] {0.5f, 0}, of(model, false));
    }
  }

  @Test
  void runsOnStepsWhoseIndexIsAMultipleOfTheInterval() {
    SamMethod sam = new SamMethod(Config.class.getAnnotation(Sam.class));
    assertEquals(0.5, sam.rho());
    assertTrue(sam.runsAt(0));
    assertFalse(sam.runsAt(1));
    assertFalse(sam.runsAt(2));
    assertTrue(sam.runsAt(3));
  }
}
