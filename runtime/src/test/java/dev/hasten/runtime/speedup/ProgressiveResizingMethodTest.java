package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.ResizeMode;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.loop.Step;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProgressiveResizingMethodTest {
  @ProgressiveResizing(initialScale = 0.5, delayFraction = 0.2, finetuneFraction = 0.3)
  static class Config {}

  private static ProgressiveResizingMethod fromAnnotation() {
    return new ProgressiveResizingMethod(Config.class.getAnnotation(ProgressiveResizing.class));
  }

  @Test
  void sidesOfTwentyEightPixelImagesAcrossARunByHand() {
    // initialScale 0.5, delay 0.2, finetune 0.3, increment 4 (the annotation's default). The
    // scale is 0.5 before p = 0.2, 1 from p = 1 − 0.3 = 0.7, and 0.5 + 0.5·(p − 0.2)/0.5 in
    // between; the side is 28·scale rounded to the nearest multiple of 4, as Composer pins it:
    // round(28·scale / 4)·4, ties to even as Python's round.
    //   p = 0     scale 0.5                   28·0.5/4  = 3.5   → 4 → 16
    //   p = 0.19  scale 0.5                                 3.5 → 16
    //   p = 0.2   scale 0.5 + 0.5·0   = 0.5                 3.5 → 16
    //   p = 0.25  scale 0.5 + 0.5·0.1 = 0.55  28·0.55/4 = 3.85  → 16
    //   p = 0.3   scale 0.5 + 0.5·0.2 = 0.6   28·0.6/4  = 4.2   → 16
    //   p = 0.45  scale 0.5 + 0.5·0.5 = 0.75  28·0.75/4 = 5.25  → 20
    //   p = 0.6   scale 0.5 + 0.5·0.8 = 0.9   28·0.9/4  = 6.3   → 24
    //   p = 0.69  scale 0.5 + 0.5·0.98 = 0.99 28·0.99/4 = 6.93  → 28
    //   p = 0.7   scale 1                                       → 28 (full side)
    //   p = 0.99  scale 1                                       → 28
    ProgressiveResizingMethod method = fromAnnotation();
    double[] progress = {0, 0.19, 0.2, 0.25, 0.3, 0.45, 0.6, 0.69, 0.7, 0.99};
    int[] expected = {16, 16, 16, 16, 16, 20, 24, 28, 28, 28};
    int[] sides = Arrays.stream(progress).mapToInt(p -> method.sideAt(p, 28)).toArray();
    assertArrayEquals(expected, sides);
    assertEquals(0.75, method.scaleAt(0.45), 1e-12);
  }

  @Test
  void sideIsAtLeastOneIncrementAndTheFullSideWhenNotAMultiple() {
    // Scale 0.1 of 28: 2.8/4 = 0.7 → 1 increment, 4; scale 0.05 of 28: 1.4/4 = 0.35 rounds to
    // 0 increments, raised to one, 4.
    ProgressiveResizingMethod tiny = new ProgressiveResizingMethod(0.1, 0.5, 0.2, 4);
    assertEquals(4, tiny.sideAt(0.0, 28));
    assertEquals(4, new ProgressiveResizingMethod(0.05, 0.5, 0.2, 4).sideAt(0.0, 28));
    // Scale 0.5 of 20 with increment 8: 10/8 = 1.25 → 8; a tie, 0.5 of 40 with increment 8:
    // 20/8 = 2.5 → 2 (to even) → 16, where rounding half up would give 24.
    assertEquals(8, new ProgressiveResizingMethod(0.5, 0.5, 0.2, 8).sideAt(0.0, 20));
    assertEquals(16, new ProgressiveResizingMethod(0.5, 0.5, 0.2, 8).sideAt(0.0, 40));
    // A side of 30 at full scale stays 30 although 30 is not a multiple of 4.
    assertEquals(30, tiny.sideAt(0.9, 30));
  }

  @Test
  void delayAndFinetuneFillingTheRunJumpStraightToFullSize() {
    // delay 0.6 + finetune 0.4 = 1: no growing span, so no division by its zero length.
    ProgressiveResizingMethod method = new ProgressiveResizingMethod(0.5, 0.6, 0.4, 4);
    assertEquals(0.5, method.scaleAt(0.59));
    assertEquals(1.0, method.scaleAt(0.6));
  }

  @Test
  void batchIsResizedEarlyAndAConstantImageStaysConstant() {
    try (NDManager stepManager = NDManager.newBaseManager()) {
      NDArray inputs = stepManager.full(new Shape(2, 3, 28, 20), 0.25f);
      Step step = new Step(null, stepManager, 0, 0, 0.45, 42, inputs, null, null);
      fromAnnotation().transformBatch(step);
      // p = 0.45: scale 0.75; height 28·0.75/4 = 5.25 → 20, width 20·0.75/4 = 3.75 → 16.
      assertEquals(new Shape(2, 3, 20, 16), step.inputs().getShape());
      float[] expected = new float[2 * 3 * 20 * 16];
      Arrays.fill(expected, 0.25f);
      assertArrayEquals(expected, step.inputs().toFloatArray(), 1e-6f);
      assertSame(stepManager, step.inputs().getManager());
    }
  }

  @Test
  void batchAtFullSizeIsLeftAlone() {
    try (NDManager stepManager = NDManager.newBaseManager()) {
      NDArray inputs = stepManager.ones(new Shape(1, 1, 28, 28));
      Step step = new Step(null, stepManager, 0, 0, 0.8, 42, inputs, null, null);
      fromAnnotation().transformBatch(step);
      assertSame(inputs, step.inputs());
    }
  }

  @Test
  void resizeIsBilinearWithAntialiasAsDjlsEngineDoesIt() {
    // Each row of a 4×4 image is [0, 1, 2, 3]; halve it to 2×2. Bilinear with
    // align_corners=false maps output column j to input coordinate (j + 0.5)·2 − 0.5, that is
    // 0.5 and 2.5. DJL's PyTorch engine turns on antialias for bilinear, so at scale 2 the
    // triangle filter is two pixels wide each side: weights max(0, 1 − |i − c|/2) over input
    // columns i, normalised.
    //   c = 0.5: i = 0, 1, 2 get 0.75, 0.75, 0.25 (sum 1.75) → (0 + 0.75 + 0.5)/1.75 = 5/7
    //   c = 2.5: i = 1, 2, 3 get 0.25, 0.75, 0.75 (sum 1.75) → (0.25 + 1.5 + 2.25)/1.75 = 16/7
    // Rows are equal, so the vertical filter changes nothing. (Plain bilinear would give 0.5
    // and 2.5; nearest 0 and 2.)
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray image =
          manager
              .create(new float[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3})
              .reshape(1, 1, 4, 4);
      NDArray half = ProgressiveResizingMethod.resize(image, 2, 2);
      assertEquals(new Shape(1, 1, 2, 2), half.getShape());
      float[] expected = {5f / 7, 16f / 7, 5f / 7, 16f / 7};
      assertArrayEquals(expected, half.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void cropModeCutsAFullResolutionWindowAnywhereInTheImageOnePlacePerBatch() {
    // A 6×5 image of two channels whose pixel (c, r, q) holds 30c + 5r + q. initialScale 0.5,
    // increment 2, at progress 0: height round(6·0.5/2) = round(1.5) = 2 increments → 4, width
    // round(5·0.5/2) = round(1.25) = 1 → 2. A 4×2 window has its top in {0, 1, 2} and its left in
    // {0, 1, 2, 3}: 12 places, each of them, the bottom and right edges included, about 1/12 of
    // 1,200 batches (100, binomial sd 9.6). The window's first pixel 5·top + left tells where
    // it is; every pixel of it must then be 30c + 5(top + r) + left + q, unscaled.
    ProgressiveResizingMethod method =
        new ProgressiveResizingMethod(0.5, 0.5, 0.2, 2, ResizeMode.CROP);
    int[][] seen = new int[3][4];
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] pixels = new float[2 * 6 * 5];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = i;
      }
      NDArray image = manager.create(pixels, new Shape(1, 2, 6, 5));
      for (int index = 0; index < 1200; index++) {
        try (NDManager stepManager = manager.newSubManager()) {
          Step step = new Step(null, stepManager, index, 0, 0.0, 42, image, null, null);
          method.transformBatch(step);
          assertEquals(new Shape(1, 2, 4, 2), step.inputs().getShape());
          float[] window = step.inputs().toFloatArray();
          int top = (int) window[0] / 5;
          int left = (int) window[0] % 5;
          for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 4; r++) {
              for (int q = 0; q < 2; q++) {
                assertEquals(30 * c + 5 * (top + r) + left + q, window[c * 8 + r * 2 + q]);
              }
            }
          }
          seen[top][left]++;
        }
      }
    }
    for (int top = 0; top < 3; top++) {
      for (int left = 0; left < 4; left++) {
        int count = seen[top][left];
        assertTrue(count > 60 && count < 140, "window at " + top + ", " + left + ": " + count);
      }
    }
  }

  @Test
  void inconsistentFractionsAreRejected() {
    Class<IllegalArgumentException> rejected = IllegalArgumentException.class;
    assertThrows(rejected, () -> new ProgressiveResizingMethod(0.5, 0.6, 0.5, 4)); // 0.6 + 0.5 > 1
    assertThrows(rejected, () -> new ProgressiveResizingMethod(0, 0.5, 0.2, 4)); // scale 0
    assertThrows(rejected, () -> new ProgressiveResizingMethod(0.5, 0.5, 0.2, 0)); // increment 0
  }
}
