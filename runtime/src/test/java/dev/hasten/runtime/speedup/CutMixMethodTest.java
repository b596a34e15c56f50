package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.hasten.dsl.speedup.CutMix;
import dev.hasten.runtime.loop.Step;
import dev.hasten.runtime.speedup.CutMixMethod.Box;
import org.junit.jupiter.api.Test;

class CutMixMethodTest {
  @CutMix(alpha = 0.5)
  static class Config {}

  @Test
  void twoByTwoBoxInAFourByFourImageKeepsThreeQuartersOfTheTarget() {
    // λ = 0.75: side ratio sqrt(1 − 0.75) = 0.5, so the box is 4·0.5 = 2 pixels a side. Centred
    // on (2, 2) it spans rows and columns 2 − 2/2 = 1 up to 1 + 2 = 3 (exclusive): no clipping,
    // area 4, λ' = 1 − 4/16 = 0.75. With perm [1, 0], the one-hot targets [1, 0] and [0, 1]
    // become [0.75, 0.25] and [0.25, 0.75].
    Box box = Box.around(0.75, 4, 4, 2, 2);
    assertEquals(new Box(1, 1, 3, 3), box);
    assertEquals(4, box.area());
    assertEquals(0.75, box.keptFraction(4, 4));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray targets = manager.create(new float[] {1, 0, 0, 1}).reshape(2, 2);
      NDArray perm = manager.create(new long[] {1, 0});
      NDArray mixed = CutMixMethod.mixTargets(targets, perm, box, 4, 4);
      assertArrayEquals(new float[] {0.75f, 0.25f, 0.25f, 0.75f}, mixed.toFloatArray());
    }
  }

  @Test
  void boxOverTheCornerIsClippedAndMixesByTheClippedArea() {
    // The same 2×2 box centred on (0, 0) would span −1 … 1; clipped to the image it is the
    // single pixel (0, 0): area 1, λ' = 1 − 1/16 = 0.9375, not λ = 0.75.
    Box box = Box.around(0.75, 4, 4, 0, 0);
    assertEquals(new Box(0, 0, 1, 1), box);
    assertEquals(15.0 / 16.0, box.keptFraction(4, 4));
  }

  @Test
  void pixelsInsideTheBoxComeFromThePartnerAndOutsideStayTheExamplesOwn() {
    // Two examples of 2 channels × 4×4: example e has value 100·(e + 1) + 16·c + 4·y + x at
    // channel c, pixel (y, x), so every pixel names its source. Box rows/columns [1, 3), perm
    // [1, 0]: inside the box each example shows the other's pixel, outside its own, exactly.
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] values = new float[2 * 2 * 16];
      for (int e = 0; e < 2; e++) {
        for (int i = 0; i < 32; i++) {
          values[e * 32 + i] = 100 * (e + 1) + i;
        }
      }
      NDArray inputs = manager.create(values).reshape(2, 2, 4, 4);
      NDArray pasted =
          CutMixMethod.paste(inputs, manager.create(new long[] {1, 0}), new Box(1, 1, 3, 3));
      assertEquals(inputs.getShape(), pasted.getShape());
      float[] out = pasted.toFloatArray();
      for (int e = 0; e < 2; e++) {
        for (int c = 0; c < 2; c++) {
          for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
              boolean inBox = y >= 1 && y < 3 && x >= 1 && x < 3;
              int source = inBox ? 1 - e : e;
              float expected = 100 * (source + 1) + 16 * c + 4 * y + x;
              float actual = out[e * 32 + c * 16 + y * 4 + x];
              assertEquals(expected, actual, "example " + e + " channel " + c + " " + y + "," + x);
            }
          }
        }
      }
    }
  }

  @Test
  void stepTargetsCarryExactlyThePastedShareOfEachImage() {
    // Example i is the constant 8×8 image i with one-hot target i. After CutMix, example j's
    // image has mean (kept·j + pasted·perm(j)) / 64 and its target puts λ' = kept/64 on j and
    // 1 − λ' on perm(j), so Σ_k k·t_jk equals the image mean, whatever box and perm were drawn.
    int batch = 5;
    CutMixMethod method = new CutMixMethod(Config.class.getAnnotation(CutMix.class));
    assertEquals(0.5, method.alpha());
    boolean anyPasted = false;
    for (long index = 0; index < 8; index++) {
      try (NDManager stepManager = NDManager.newBaseManager()) {
        NDArray labels = stepManager.arange(0, batch, 1, DataType.INT64);
        NDArray inputs =
            labels
                .toType(DataType.FLOAT32, false)
                .reshape(batch, 1, 1, 1)
                .broadcast(batch, 1, 8, 8)
                .duplicate();
        Step step =
            new Step(null, stepManager, index, 0, 0.0, 7, inputs, labels, labels.oneHot(batch));
        method.transformBatch(step);
        float[] images = step.inputs().toFloatArray();
        float[] targets = step.targets().toFloatArray();
        for (int j = 0; j < batch; j++) {
          double imageMean = 0;
          for (int p = 0; p < 64; p++) {
            imageMean += images[j * 64 + p] / 64.0;
          }
          double labelMean = 0;
          for (int k = 0; k < batch; k++) {
            labelMean += k * targets[j * batch + k];
          }
          assertEquals(labelMean, imageMean, 1e-5, "example " + j + " of step " + index);
          anyPasted |= targets[j * batch + j] < 1 && imageMean != j;
        }
        assertSame(stepManager, step.inputs().getManager());
        assertSame(stepManager, step.targets().getManager());
      }
    }
    assertTrue(anyPasted, "eight steps of CutMix never pasted a box from another example");
  }

  @Test
  void nonPositiveAlphaIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CutMixMethod(-1));
  }
}
