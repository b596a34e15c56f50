package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.runtime.loop.Step;
import org.junit.jupiter.api.Test;

class LabelSmoothingMethodTest {
  @LabelSmoothing(0.2)
  static class Config {}

  @Test
  void smoothedOneHotIsOneMinusEpsilonPlusEpsilonOverK() {
    // ε = 0.1, K = 10: the true class gets (1 − 0.1)·1 + 0.1/10 = 0.91, every other class
    // (1 − 0.1)·0 + 0.1/10 = 0.01; the row still sums to 0.91 + 9·0.01 = 1.
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] oneHot = new float[10];
      oneHot[3] = 1;
      NDArray smoothed = LabelSmoothingMethod.smooth(manager.create(oneHot).reshape(1, 10), 0.1);
      float[] expected = {0.01f, 0.01f, 0.01f, 0.91f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f, 0.01f};
      assertArrayEquals(expected, smoothed.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void smoothedMixedTargetIsScaledAndShiftedByEpsilonOverK() {
    // ε = 0.2, K = 4, a MixUp-style target [0.7, 0.3, 0, 0]:
    // 0.8·0.7 + 0.05 = 0.61, 0.8·0.3 + 0.05 = 0.29, 0.8·0 + 0.05 = 0.05 (twice); sum 1.
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray mixed = manager.create(new float[] {0.7f, 0.3f, 0, 0}).reshape(1, 4);
      NDArray smoothed = LabelSmoothingMethod.smooth(mixed, 0.2);
      assertArrayEquals(new float[] {0.61f, 0.29f, 0.05f, 0.05f}, smoothed.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void annotatedMethodSmoothsTheStepsTargetsInTheStepsManager() {
    // From @LabelSmoothing(0.2), K = 5: true class 0.8 + 0.2/5 = 0.84, others 0.04.
    LabelSmoothingMethod method =
        new LabelSmoothingMethod(Config.class.getAnnotation(LabelSmoothing.class));
    assertEquals(0.2, method.epsilon());
    try (NDManager run = NDManager.newBaseManager();
        NDManager stepManager = run.newSubManager()) {
      NDArray labels = stepManager.create(new long[] {4, 1});
      Step step = new Step(null, stepManager, 0, 0, 0.0, 42, null, labels, labels.oneHot(5));
      method.transformTargets(step);
      float[] expected = {
        0.04f, 0.04f, 0.04f, 0.04f, 0.84f,
        0.04f, 0.84f, 0.04f, 0.04f, 0.04f
      };
      assertArrayEquals(expected, step.targets().toFloatArray(), 1e-6f);
      assertSame(stepManager, step.targets().getManager());
    }
  }

  @Test
  void epsilonOutsideZeroToOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LabelSmoothingMethod(1.0));
    assertThrows(IllegalArgumentException.class, () -> new LabelSmoothingMethod(-0.1));
  }
}
