package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColOutMethodTest {
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
  void keptRowsAreTheFloorOfTheSideTimesOneMinusP() {
    // 28·0.85 = 23.8 → 23; 28·0.5 = 14; 3·0.9 = 2.7 → 2.
    assertEquals(23, ColOutMethod.keptCount(28, 0.15));
    assertEquals(14, ColOutMethod.keptCount(28, 0.5));
    assertEquals(2, ColOutMethod.keptCount(3, 0.1));
  }

  @Test
  void keptIndicesAreDistinctAndInOrder() {
    long[] kept = ColOutMethod.keptIndices(28, 23, new Random(3));
    assertEquals(23, kept.length);
    for (int i = 1; i < kept.length; i++) {
      assertTrue(kept[i - 1] < kept[i]);
    }
    assertTrue(kept[0] >= 0 && kept[22] < 28);
  }

  @Test
  void theBatchKeepsTheCrossOfTheChosenRowsAndColumnsForEveryExample() {
    // Pixel (y, x) of a 4×4 image holds 4y + x, in both examples. pRow ½ keeps 2 rows, pCol ¼
    // keeps 3 columns. Whatever rows R and columns C were drawn, the output must be exactly
    // 4·R[i] + C[j] with R and C increasing, the same for both examples.
    NDArray image = manager.arange(16f).reshape(1, 1, 4, 4);
    NDArray x = image.concat(image, 0);
    Step step = new Step(null, manager, 3, 0, 0.0, 42, x, x, x);
    new ColOutMethod(0.5, 0.25).transformBatch(step);
    assertEquals(new Shape(2, 1, 2, 3), step.inputs().getShape());
    float[] out = step.inputs().toFloatArray();
    int[] rows = {(int) out[0] / 4, (int) out[3] / 4};
    int[] cols = {(int) out[0] % 4, (int) out[1] % 4, (int) out[2] % 4};
    assertTrue(rows[0] < rows[1] && cols[0] < cols[1] && cols[1] < cols[2]);
    for (int e = 0; e < 2; e++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(4 * rows[i] + cols[j], out[e * 6 + i * 3 + j]);
        }
      }
    }
  }

  @Test
  void droppingNeitherRowsNorColumnsIsRefused() {
    assertThrows(InvalidInputException.class, () -> new ColOutMethod(0, 0));
  }
}
