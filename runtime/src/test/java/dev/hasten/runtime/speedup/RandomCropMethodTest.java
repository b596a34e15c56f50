package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.loop.Step;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RandomCropMethodTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** 1..9 as one 3×3 image: rows {1 2 3}, {4 5 6}, {7 8 9}. */
  private NDArray nine() {
    return manager.arange(1f, 10f).reshape(1, 1, 3, 3);
  }

  @Test
  void theMiddleOffsetKeepsTheImage() {
    // dy = dx = padding: the crop of the padded image at (1, 1) is the image itself.
    NDArray out = RandomCropMethod.crop(nine(), new int[] {1}, new int[] {1}, 1, manager);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, out.toFloatArray());
  }

  @Test
  void theCornerOffsetShiftsTheImageAndRepeatsItsBorder() {
    // dy = dx = 0 with padding 1: output (i, j) = input (max(i − 1, 0), max(j − 1, 0)).
    //   1 1 2
    //   1 1 2
    //   4 4 5
    NDArray out = RandomCropMethod.crop(nine(), new int[] {0}, new int[] {0}, 1, manager);
    assertArrayEquals(new float[] {1, 1, 2, 1, 1, 2, 4, 4, 5}, out.toFloatArray());
  }

  @Test
  void eachExampleHasItsOwnOffsetAndEveryChannelFollowsIt() {
    // Two examples of two channels (the second channel is the first + 10). Example 0 moves two
    // rows up (dy = 4, dx = 2 with padding 2: rows clamp(i + 2), columns unchanged):
    //   7 8 9 / 7 8 9 / 7 8 9; example 1 moves one column right (dy = 2, dx = 1: columns j − 1):
    //   1 1 2 / 4 4 5 / 7 7 8.
    NDArray one = nine();
    NDArray image = one.concat(one.add(10), 1);
    NDArray x = image.concat(image, 0);
    NDArray out = RandomCropMethod.crop(x, new int[] {4, 2}, new int[] {2, 1}, 2, manager);
    assertEquals(new Shape(2, 2, 3, 3), out.getShape());
    float[] v = out.toFloatArray();
    assertArrayEquals(new float[] {7, 8, 9, 7, 8, 9, 7, 8, 9}, Arrays.copyOfRange(v, 0, 9));
    assertArrayEquals(
        new float[] {17, 18, 19, 17, 18, 19, 17, 18, 19}, Arrays.copyOfRange(v, 9, 18));
    assertArrayEquals(new float[] {1, 1, 2, 4, 4, 5, 7, 7, 8}, Arrays.copyOfRange(v, 18, 27));
    assertArrayEquals(
        new float[] {11, 11, 12, 14, 14, 15, 17, 17, 18}, Arrays.copyOfRange(v, 27, 36));
  }

  @Test
  void offsetsComeFromTheStepAndCoverTheWholeRange() {
    Step a = new Step(null, manager, 7, 0, 0.0, 42, null, null, null);
    Step same = new Step(null, manager, 7, 1, 0.5, 42, null, null, null);
    Step next = new Step(null, manager, 8, 0, 0.0, 42, null, null, null);
    int[][] offsets = RandomCropMethod.offsets(a, 500, 4);
    assertArrayEquals(offsets[0], RandomCropMethod.offsets(same, 500, 4)[0]);
    assertArrayEquals(offsets[1], RandomCropMethod.offsets(same, 500, 4)[1]);
    assertFalse(Arrays.equals(offsets[0], RandomCropMethod.offsets(next, 500, 4)[0]));
    for (int[] axis : offsets) {
      assertEquals(0, Arrays.stream(axis).min().orElseThrow());
      assertEquals(8, Arrays.stream(axis).max().orElseThrow());
    }
  }

  @Test
  void aBatchIsCroppedAtTheStepsOffsets() {
    NDArray x = manager.arange(0f, 4 * 16f).reshape(4, 1, 4, 4);
    Step step = new Step(null, manager, 3, 0, 0.0, 9, x, null, null);
    int[][] offsets = RandomCropMethod.offsets(step, 4, 2);
    new RandomCropMethod(2).transformBatch(step);
    assertArrayEquals(
        RandomCropMethod.crop(x, offsets[0], offsets[1], 2, manager).toFloatArray(),
        step.inputs().toFloatArray());
    assertEquals(new Shape(4, 1, 4, 4), step.inputs().getShape());
  }

  @Test
  void paddingBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RandomCropMethod(0));
    assertTrue(new RandomCropMethod(1) != null);
  }
}
