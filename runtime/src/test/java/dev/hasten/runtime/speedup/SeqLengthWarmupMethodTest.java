package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.dsl.speedup.SeqLengthWarmup;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Step;
import org.junit.jupiter.api.Test;

class SeqLengthWarmupMethodTest {
  @SeqLengthWarmup
  static final class Defaults {}

  private static SeqLengthWarmupMethod fromAnnotation() {
    return new SeqLengthWarmupMethod(Defaults.class.getAnnotation(SeqLengthWarmup.class));
  }

  @Test
  void atComposersDefaultsTheLengthGrowsByEightsOverTheFirstThirtyPercent() {
    // T = 128, min 8, step 8, duration 0.3: L = 8 + 8·⌊120·(p/0.3)/8⌋ = 8 + 8·⌊50p⌋.
    SeqLengthWarmupMethod warmup = fromAnnotation();
    assertEquals(8, warmup.lengthAt(0.0, 128)); //       ⌊0⌋ = 0
    assertEquals(8, warmup.lengthAt(0.019, 128)); //     ⌊0.95⌋ = 0
    assertEquals(32, warmup.lengthAt(0.06, 128)); //     ⌊3⌋ = 3, exactly reached
    assertEquals(48, warmup.lengthAt(0.1, 128)); //      ⌊5⌋ = 5
    assertEquals(64, warmup.lengthAt(0.15, 128)); //     ⌊7.5⌋ = 7
    assertEquals(120, warmup.lengthAt(0.29, 128)); //    ⌊14.5⌋ = 14
    assertEquals(128, warmup.lengthAt(0.3, 128)); //     warm-up over
    assertEquals(128, warmup.lengthAt(0.9, 128));
  }

  @Test
  void lengthsAreMinimumPlusWholeStepsAndTheFullWindowAfterTheWarmup() {
    // T = 100, min 5, step 10, duration 0.5: L = 5 + 10·⌊95·(p/0.5)/10⌋ = 5 + 10·⌊19p⌋.
    SeqLengthWarmupMethod warmup = new SeqLengthWarmupMethod(0.5, 5, 10);
    assertEquals(5, warmup.lengthAt(0.05, 100)); //      ⌊0.95⌋ = 0
    assertEquals(45, warmup.lengthAt(0.25, 100)); //     ⌊4.75⌋ = 4
    assertEquals(95, warmup.lengthAt(0.49, 100)); //     ⌊9.31⌋ = 9: the last increment below T
    assertEquals(100, warmup.lengthAt(0.5, 100)); //     full, though 100 − 5 is no multiple of 10
  }

  @Test
  void aWarmupOverTheWholeRunNeverReachesTheFullWindowBeforeTheEnd() {
    // duration 1, T = 16, min 1, step 1: L = 1 + ⌊15p⌋; p = 14/15 gives 15 of 16 tokens.
    SeqLengthWarmupMethod warmup = new SeqLengthWarmupMethod(1.0, 1, 1);
    assertEquals(1, warmup.lengthAt(0.0, 16));
    assertEquals(15, warmup.lengthAt(14.0 / 15, 16));
    assertEquals(15, warmup.lengthAt(0.999, 16));
  }

  @Test
  void theStepsInputsLabelsAndTargetsAreCutToTheirFirstTokens() {
    // T = 32 at p = 0.1 of a 0.3 warm-up: L = 8 + 8·⌊24·(1/3)/8⌋ = 8 + 8·1 = 16.
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray inputs =
          manager
              .arange(0, 64, 1, DataType.INT64)
              .reshape(2, 32); // token i at row i/32, column i%32
      NDArray labels = inputs.add(1);
      NDArray targets =
          manager
              .zeros(new Shape(2, 32, 4))
              .add(inputs.expandDims(2).toType(DataType.FLOAT32, false));
      Step step = new Step(null, manager, 10, 0, 0.1, 42, inputs, labels, targets);
      fromAnnotation().transformBatch(step);
      assertEquals(new Shape(2, 16), step.inputs().getShape());
      assertEquals(new Shape(2, 16), step.labels().getShape());
      assertEquals(new Shape(2, 16, 4), step.targets().getShape());
      long[] firstTokens = new long[32];
      for (int i = 0; i < 16; i++) {
        firstTokens[i] = i; //       row 0: tokens 0..15
        firstTokens[16 + i] = 32 + i; // row 1: tokens 32..47
      }
      assertArrayEquals(firstTokens, step.inputs().toLongArray());
      long[] next = new long[32];
      for (int i = 0; i < 32; i++) {
        next[i] = firstTokens[i] + 1;
      }
      assertArrayEquals(next, step.labels().toLongArray());
      // each position's four target entries carry its token: the rows cut along the same tokens
      float[] targetValues = step.targets().toFloatArray();
      for (int i = 0; i < 32; i++) {
        assertEquals(firstTokens[i], targetValues[4 * i + 3], 0f);
      }
    }
  }

  @Test
  void aFullLengthBatchIsLeftAlone() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray inputs = manager.zeros(new Shape(2, 32), DataType.INT64);
      Step step = new Step(null, manager, 90, 0, 0.9, 42, inputs, inputs, null);
      fromAnnotation().transformBatch(step);
      assertSame(inputs, step.inputs());
    }
  }

  @Test
  void aMinimumAtTheSequenceLengthIsRefusedBeforeTheFirstStep() {
    SeqLengthWarmupMethod warmup = new SeqLengthWarmupMethod(0.3, 64, 8);
    warmup.requireShorterThan(65);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> warmup.requireShorterThan(64));
    assertEquals(
        "@SeqLengthWarmup: minSeqLength 64 must be less than the sequence length, 64, or there is"
            + " nothing to warm up",
        e.getMessage());
  }

  @Test
  void valuesOutsideTheirRangesAreRefused() {
    assertEquals(
        "duration must be in (0, 1], got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new SeqLengthWarmupMethod(0, 8, 8))
            .getMessage());
    assertEquals(
        "minSeqLength must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new SeqLengthWarmupMethod(0.3, 0, 8))
            .getMessage());
    assertEquals(
        "stepSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new SeqLengthWarmupMethod(0.3, 8, 0))
            .getMessage());
  }
}
