package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.loop.Step;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HorizontalFlipMethodTest {
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
  void theDrawnExamplesAreMirroredInEveryChannelAndTheOthersKept() {
    // Example n, channel c, is the 2×3 image 100n + 10c + {1 2 3 / 4 5 6}; mirrored: 3 2 1 / 6 5 4.
    float[] values = new float[8 * 2 * 6];
    for (int n = 0; n < 8; n++) {
      for (int c = 0; c < 2; c++) {
        for (int p = 0; p < 6; p++) {
          values[(n * 2 + c) * 6 + p] = 100 * n + 10 * c + p + 1;
        }
      }
    }
    NDArray x = manager.create(values).reshape(8, 2, 2, 3);
    Step step = new Step(null, manager, 11, 0, 0.0, 42, x, null, null);
    boolean[] flip = HorizontalFlipMethod.draws(step, 8, 0.5);
    assertTrue(Arrays.toString(flip).contains("true") && Arrays.toString(flip).contains("false"));

    new HorizontalFlipMethod(0.5).transformBatch(step);

    float[] out = step.inputs().toFloatArray();
    for (int n = 0; n < 8; n++) {
      for (int c = 0; c < 2; c++) {
        float base = 100 * n + 10 * c;
        float[] expected =
            flip[n]
                ? new float[] {base + 3, base + 2, base + 1, base + 6, base + 5, base + 4}
                : new float[] {base + 1, base + 2, base + 3, base + 4, base + 5, base + 6};
        int at = (n * 2 + c) * 6;
        assertArrayEquals(
            expected, Arrays.copyOfRange(out, at, at + 6), "example " + n + " channel " + c);
      }
    }
  }

  @Test
  void probabilityOneMirrorsEveryImageAndTheDrawsAreTheSteps() {
    NDArray x = manager.arange(0f, 6f).reshape(2, 1, 1, 3);
    Step step = new Step(null, manager, 0, 0, 0.0, 1, x, null, null);
    new HorizontalFlipMethod(1.0).transformBatch(step);
    assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, step.inputs().toFloatArray());
    Step again = new Step(null, manager, 11, 3, 0.9, 42, null, null, null);
    Step step11 = new Step(null, manager, 11, 0, 0.0, 42, null, null, null);
    assertArrayEquals(
        HorizontalFlipMethod.draws(step11, 64, 0.5), HorizontalFlipMethod.draws(again, 64, 0.5));
  }

  @Test
  void aProbabilityOutsideItsRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HorizontalFlipMethod(0));
    assertThrows(IllegalArgumentException.class, () -> new HorizontalFlipMethod(1.5));
  }
}
