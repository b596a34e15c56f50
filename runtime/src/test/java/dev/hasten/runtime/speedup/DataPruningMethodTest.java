package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.SplitData;
import java.util.ArrayList;
import java.util.List;
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
        new long[] {1, 2, 3},
        DataPruningMethod.hardest(new float[] {0.1f, 0.9f, 0.5f, 0.9f, 0.2f}, 3));
    // Keeping 2 of three equal scores keeps the first two.
    assertArrayEquals(new long[] {0, 1}, DataPruningMethod.hardest(new float[] {1, 1, 1}, 2));
  }

  @Test
  void scoringFreesEachChunksArraysBeforeTheNextChunkAndKeepsOnlyTheScores() {
    // 1,200 examples are scored in chunks of 500, 500 and 200. The "model" passes its input
    // through as the logits, and notes the manager of every input it sees: the manager of the
    // chunk before must be closed by then, so at most one chunk's activations exist at a time.
    // Example i has logits [0, 0] and target 0 (score √½, as above) when i is even, and logits
    // [ln 3, 0] with target 0 (score √⅛) when odd.
    int examples = 1200;
    float[] logits = new float[examples * 2];
    for (int i = 1; i < examples; i += 2) {
      logits[2 * i] = (float) Math.log(3);
    }
    NDArray images = manager.create(logits, new Shape(examples, 2));
    NDArray labels = manager.zeros(new Shape(examples), DataType.INT64);
    List<NDManager> seen = new ArrayList<>();
    List<Boolean> earlierOpen = new ArrayList<>();
    Block passThrough =
        new LambdaBlock(
            inputs -> {
              earlierOpen.add(seen.stream().anyMatch(NDManager::isOpen));
              seen.add(inputs.head().getManager());
              return inputs;
            });
    float[] scores;
    try (NDManager scope = manager.newSubManager()) {
      scores = DataPruningMethod.scores(passThrough, SplitData.resident(images, labels), 2, scope);
    }
    assertEquals(List.of(false, false, false), earlierOpen, "a chunk's manager outlived it");
    assertEquals(examples, scores.length);
    for (int i = 0; i < examples; i++) {
      float expected = (float) Math.sqrt(i % 2 == 0 ? 0.5 : 0.125);
      assertEquals(expected, scores[i], 1e-5f, "score of example " + i);
    }
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
    assertArrayEquals(new long[] {2, 5, 7}, method.saveState(manager).get("kept").toLongArray());
  }

  @Test
  void stateOfAnotherSpeedupIsRefused() {
    DataPruningMethod method = new DataPruningMethod(0.5, 1, 0.05);
    assertThrows(
        InvalidInputException.class,
        () -> method.loadState(null, Map.of("momentum", manager.zeros(new Shape(1)))));
  }
}
