package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectiveBackpropMethodTest {
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
  void atKeepOneHalfARankIsDrawnInProportionToItsPercentile() {
    // n = 4: percentiles (i + ½)/4 = 1/8, 3/8, 5/8, 7/8; the exponent 1/keep − 1 is 1, so the
    // weights are the percentiles over their sum 2: 1/16, 3/16, 5/16, 7/16.
    assertArrayEquals(
        new double[] {1 / 16.0, 3 / 16.0, 5 / 16.0, 7 / 16.0},
        SelectiveBackpropMethod.rankWeights(4, 0.5),
        1e-12);
  }

  @Test
  void aSmallerKeepFavoursTheHighestLossesMore() {
    // keep ¼: exponent 3, weights (1/8)³ … (7/8)³ ∝ 1, 27, 125, 343 (sum 496).
    assertArrayEquals(
        new double[] {1 / 496.0, 27 / 496.0, 125 / 496.0, 343 / 496.0},
        SelectiveBackpropMethod.rankWeights(4, 0.25),
        1e-12);
  }

  @Test
  void theHighestLossIsPickedAsOftenAsItsRankWeightSays() {
    // Losses [0.1, 5, 0.3, 2] rank example 1 highest and example 3 second. Drawing one of four
    // with keep ¼, example 1 is chosen with probability 343/496 = 0.692 and example 3 with
    // 125/496 = 0.252; over 4,000 draws the standard deviation is under 0.8%, so ±3% is wide.
    float[] losses = {0.1f, 5f, 0.3f, 2f};
    Random random = new Random(7);
    int[] counts = new int[4];
    for (int i = 0; i < 4000; i++) {
      counts[(int) SelectiveBackpropMethod.select(losses, 1, 0.25, random)[0]]++;
    }
    assertEquals(343 / 496.0, counts[1] / 4000.0, 0.03);
    assertEquals(125 / 496.0, counts[3] / 4000.0, 0.03);
  }

  @Test
  void selectionIsWithoutReplacementInIncreasingOrder() {
    float[] losses = new float[10];
    for (int i = 0; i < 10; i++) {
      losses[i] = (i * 7) % 10;
    }
    long[] chosen = SelectiveBackpropMethod.select(losses, 9, 0.5, new Random(1));
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < chosen.length; i++) {
      distinct.add(chosen[i]);
      assertTrue(i == 0 || chosen[i - 1] < chosen[i]);
    }
    assertEquals(9, distinct.size());
  }

  @Test
  void keptCountIsTheFloorOfKeepTimesTheBatch() {
    assertEquals(64, SelectiveBackpropMethod.keptCount(128, 0.5));
    assertEquals(2, SelectiveBackpropMethod.keptCount(5, 0.5));
    assertEquals(1, SelectiveBackpropMethod.keptCount(1, 0.3));
  }

  @Test
  void itAppliesBetweenStartAndEndExceptOnEveryInterruptThStep() {
    SelectiveBackpropMethod method = new SelectiveBackpropMethod(0.5, 0.9, 0.5, 1.0, 2);
    assertFalse(method.appliesAt(0.4, 0));
    assertTrue(method.appliesAt(0.5, 0)); // step 1 of the run
    assertFalse(method.appliesAt(0.5, 1)); // step 2: interrupted
    assertTrue(method.appliesAt(0.89, 2));
    assertFalse(method.appliesAt(0.9, 2));
    SelectiveBackpropMethod never = new SelectiveBackpropMethod(0.5, 0.9, 0.5, 1.0, 0);
    assertTrue(never.appliesAt(0.6, 1));
  }

  @Test
  void anInterruptOfOneIsRefused() {
    assertThrows(
        InvalidInputException.class, () -> new SelectiveBackpropMethod(0.5, 0.9, 0.5, 1.0, 1));
  }

  @Test
  void aSelectingStepKeepsHalfTheBatchWithInputsAndTargetsStillPaired() {
    // The model flattens 1×1×2 images into 2 logits, so each image is its own logits; example e
    // has logits [e, 0] and target class e % 2. Keeping half of 8 leaves 4 examples, and each kept
    // input row must still sit beside its own target row.
    Block model = new SequentialBlock().add(Blocks.batchFlattenBlock());
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 1, 2));
    float[] images = new float[16];
    float[] targets = new float[16];
    for (int e = 0; e < 8; e++) {
      images[2 * e] = e;
      targets[2 * e + e % 2] = 1;
    }
    NDArray x = manager.create(images, new Shape(8, 1, 1, 2));
    NDArray t = manager.create(targets, new Shape(8, 2));
    Step step = new Step(model, manager, 0, 0, 0.6, 42, x, manager.zeros(new Shape(8)), t);
    new SelectiveBackpropMethod(0.5, 0.9, 0.5, 1.0, 0).transformBatch(step);
    assertEquals(new Shape(4, 1, 1, 2), step.inputs().getShape());
    float[] keptImages = step.inputs().toFloatArray();
    float[] keptTargets = step.targets().toFloatArray();
    for (int k = 0; k < 4; k++) {
      int e = (int) keptImages[2 * k];
      assertEquals(1f, keptTargets[2 * k + e % 2], "kept example " + e);
    }
  }

  @Test
  void outsideItsIntervalTheBatchIsLeftAlone() {
    NDArray x = manager.zeros(new Shape(4, 1, 1, 2));
    Step step = new Step(null, manager, 0, 0, 0.1, 42, x, x, x);
    new SelectiveBackpropMethod(0.5, 0.9, 0.5, 1.0, 0).transformBatch(step);
    assertSame(x, step.inputs());
    assertEquals(0, x.get(new NDIndex("0")).sum().getFloat());
  }
}
