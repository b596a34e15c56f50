package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CutOutMethodTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void aHoleCoversHalfItsSideEachWayFromItsCentre() {
    // 4×4, half side 1, centre (y 1, x 2): rows [0, 2), columns [1, 3) are zero.
    float[] expected = {
      1, 0, 0, 1,
      1, 0, 0, 1,
      1, 1, 1, 1,
      1, 1, 1, 1
    };
    assertArrayEquals(expected, CutOutMethod.mask(4, 4, 1, new int[][] {{1, 2}}));
  }

  @Test
  void aHoleAtTheCornerIsClippedToTheImage() {
    // Half side 2 around (0, 0) would span −2 … 2; clipped, rows and columns [0, 2).
    float[] mask = CutOutMethod.mask(4, 4, 2, new int[][] {{0, 0}});
    float[] expected = {
      0, 0, 1, 1,
      0, 0, 1, 1,
      1, 1, 1, 1,
      1, 1, 1, 1
    };
    assertArrayEquals(expected, mask);
  }

  @Test
  void theSideIsLengthTimesTheShorterSideAndATooSmallHoleIsRefused() {
    // 0.5·28 = 14 pixels: half side 7. 0.05·28 = 1.4 → 1 pixel: half side 0, an empty hole.
    assertEquals(7, CutOutMethod.halfSide(0.5, 28, 28));
    assertEquals(5, CutOutMethod.halfSide(0.5, 28, 20));
    assertThrows(InvalidInputException.class, () -> CutOutMethod.halfSide(0.05, 28, 28));
  }

  @Test
  void everyExampleAndChannelLosesTheSamePatch() {
    // Ones of 3 examples × 2 channels × 8×8, one hole of side 0.5·8 = 4 (half 2): each plane has
    // between 4 (a corner) and 16 zeros, and all six planes are the same mask.
    NDArray x = manager.ones(new Shape(3, 2, 8, 8));
    Step step = new Step(null, manager, 5, 0, 0.0, 42, x, x, x);
    new CutOutMethod(1, 0.5).transformBatch(step);
    float[] out = step.inputs().toFloatArray();
    float[] first = java.util.Arrays.copyOfRange(out, 0, 64);
    int zeros = 0;
    for (float v : first) {
      zeros += v == 0 ? 1 : 0;
    }
    org.junit.jupiter.api.Assertions.assertTrue(zeros >= 4 && zeros <= 16, zeros + " zeros");
    for (int plane = 1; plane < 6; plane++) {
      assertArrayEquals(first, java.util.Arrays.copyOfRange(out, plane * 64, plane * 64 + 64));
    }
  }
}
