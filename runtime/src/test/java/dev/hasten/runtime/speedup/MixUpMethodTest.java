package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.runtime.loop.Step;
import org.junit.jupiter.api.Test;

class MixUpMethodTest {
  @MixUp(alpha = 0.4)
  static class Config {}

  @Test
  void twoExamplesMixedWithLambdaThreeQuartersByHand() {
    // x0 = [1, 2], x1 = [5, 10] (NCHW 1×1×2 each), swapped by perm [1, 0], λ = 0.75:
    // x0' = 0.75·[1, 2] + 0.25·[5, 10] = [0.75 + 1.25, 1.5 + 2.5] = [2, 4]
    // x1' = 0.75·[5, 10] + 0.25·[1, 2] = [3.75 + 0.25, 7.5 + 0.5] = [4, 8]
    // targets one-hot [1, 0] and [0, 1] become [0.75, 0.25] and [0.25, 0.75].
    // Every number is a sum of dyadic fractions, so float arithmetic is exact.
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray inputs = manager.create(new float[] {1, 2, 5, 10}).reshape(2, 1, 1, 2);
      NDArray targets = manager.create(new float[] {1, 0, 0, 1}).reshape(2, 2);
      NDArray perm = manager.create(new long[] {1, 0});
      NDArray mixedInputs = MixUpMethod.mix(inputs, 0.75, perm);
      NDArray mixedTargets = MixUpMethod.mix(targets, 0.75, perm);
      assertEquals(inputs.getShape(), mixedInputs.getShape());
      assertArrayEquals(new float[] {2, 4, 4, 8}, mixedInputs.toFloatArray());
      assertArrayEquals(new float[] {0.75f, 0.25f, 0.25f, 0.75f}, mixedTargets.toFloatArray());
    }
  }

  @Test
  void stepIsMixedWithTheSameLambdaAndPartnerForInputsAndTargets() {
    // Example i is the constant image i with one-hot target i. After MixUp, example j is the
    // constant image λ·j + (1 − λ)·perm(j) and its target puts λ on j and 1 − λ on perm(j), so
    // Σ_k k·t_jk = λ·j + (1 − λ)·perm(j) = the image's value, whatever λ and perm were drawn.
    int batch = 6;
    for (long index = 0; index < 5; index++) {
      try (NDManager stepManager = NDManager.newBaseManager()) {
        Step step = constantImagesStep(stepManager, index, batch);
        new MixUpMethod(1.0).transformBatch(step);
        float[] images = step.inputs().toFloatArray();
        float[] targets = step.targets().toFloatArray();
        for (int j = 0; j < batch; j++) {
          double labelMean = 0;
          double rowSum = 0;
          for (int k = 0; k < batch; k++) {
            labelMean += k * targets[j * batch + k];
            rowSum += targets[j * batch + k];
          }
          assertEquals(1.0, rowSum, 1e-6);
          for (int p = 0; p < 4; p++) {
            assertEquals(labelMean, images[j * 4 + p], 1e-5, "example " + j + " of step " + index);
          }
        }
        assertSame(stepManager, step.inputs().getManager());
        assertSame(stepManager, step.targets().getManager());
      }
    }
  }

  @Test
  void theSameStepIsMixedTheSameWay() {
    MixUpMethod method = new MixUpMethod(Config.class.getAnnotation(MixUp.class));
    assertEquals(0.4, method.alpha());
    try (NDManager manager = NDManager.newBaseManager()) {
      Step first = constantImagesStep(manager, 3, 5);
      Step second = constantImagesStep(manager, 3, 5);
      method.transformBatch(first);
      method.transformBatch(second);
      assertArrayEquals(first.inputs().toFloatArray(), second.inputs().toFloatArray());
      assertArrayEquals(first.targets().toFloatArray(), second.targets().toFloatArray());
    }
  }

  @Test
  void nonPositiveAlphaIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new MixUpMethod(0));
  }

  /** {@code batch} examples, example i the constant 1×2×2 image i with one-hot target i. */
  static Step constantImagesStep(NDManager manager, long index, int batch) {
    NDArray labels = manager.arange(0, batch, 1, DataType.INT64);
    NDArray inputs =
        labels
            .toType(DataType.FLOAT32, false)
            .reshape(batch, 1, 1, 1)
            .broadcast(batch, 1, 2, 2)
            .duplicate();
    return new Step(null, manager, index, 0, 0.0, 42, inputs, labels, labels.oneHot(batch));
  }
}
