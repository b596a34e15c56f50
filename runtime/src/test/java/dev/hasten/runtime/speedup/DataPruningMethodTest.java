package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataPruningMethodTest {
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
  void el2nIsTheDistanceOfTheSoftmaxFromTheOneHotTarget() {
    // Target class 0 in each row:
    //   logits [0, 0]: softmax [½, ½], error [−½, ½], norm √½ = 0.70711;
    //   logits [ln 3, 0]: softmax [¾, ¼], error [−¼, ¼], norm √⅛ = 0.35355;
    //   logits [0, 20]: softmax ≈ [0, 1], error ≈ [−1, 1], norm ≈ √2 = 1.41421.
    NDArray logits =
        manager.create(new float[] {0, 0, (float) Math.log(3), 0, 0, 20}, new Shape(3, 2));
    NDArray targets = manager.create(new float[] {1, 0, 1, 0, 1, 0}, new Shape(3, 2));
    assertArrayEquals(
        new float[] {(float) Math.sqrt(0.5), (float) Math.sqrt(0.125), (float) Math.sqrt(2)},
        DataPruningMethod.el2n(logits, targets).toFloatArray(),
        1e-5f);
  }

  @Test
  void theHighestScoresAreKeptTheEarlierFirstAmongEquals() {
    // Scores 0.1, 0.9, 0.5, 0.9, 0.2: the three highest are examples 1 and 3 (0.9) and 2 (0.5).
    assertArrayEquals(
        new long[] {1, 2, 3}, DataPruningMethod.hardest(new float[] {0.1f, 0.9f, 0.5f, 0.9f, 0.2f}, 3));
    // Keeping 2 of three equal scores keeps the first two.
    assertArrayEquals(new long[] {0, 1}, DataPruningMethod.hardest(new float[] {1, 1, 1}, 2));
  }

  @Test
  void keptCountIsTheFloorOfTheFraction() {
    assertEquals(4200, DataPruningMethod.keptCount(6000, 0.7));
    assertEquals(1, DataPruningMethod.keptCount(1, 0.5));
  }

  @Test
  void theKeptExamplesAreStateThatARestoredRunReuses() {
    DataPruningMethod method = new DataPruningMethod(0.5, 1, 0.05);
    assertTrue(method.saveState(manager).isEmpty(), "nothing chosen before FIT_START");
    method.loadState(null, Map.of("kept", manager.create(new long[] {2, 5, 7})));
    assertArrayEquals(new long[] {2, 5, 7}, method.keptExamples());
    assertArrayEquals(
        new long[] {2, 5, 7}, method.saveState(manager).get("kept").toLongArray());
  }

  @Test
  void stateOfAnotherSpeedupIsRefused() {
    DataPruningMethod method = new DataPruningMethod(0.5, 1, 0.05);
    assertThrows(
        InvalidInputException.class,
        () -> method.loadState(null, Map.of("momentum", manager.zeros(new Shape(1)))));
  }
}
