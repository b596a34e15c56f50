package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hasten.runtime.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {
  private static final String TEXT = "0123456789abcdefghijklmnopqrst"; // 30 bytes

  /** Training text [0, 4), [10, 13) and [20, 30); validation [4, 10) and [13, 20). */
  private static SplitText split() {
    Corpus corpus = Corpus.of(TEXT.getBytes(StandardCharsets.US_ASCII), "digits", null);
    return new SplitText(
        corpus,
        List.of(new Segment(0, 4), new Segment(10, 13), new Segment(20, 30)),
        List.of(new Segment(4, 10), new Segment(13, 20)));
  }

  @Test
  void windowsOfThreeTokensLieWhollyInsideOneSegment() {
    TokenWindows windows = TokenWindows.training(split(), 3);
    // A window reads 4 bytes: [0, 4) holds 1, [10, 13) none, [20, 30) holds 7.
    assertEquals(8, windows.count());
    assertEquals(0, windows.windowStart(0));
    assertEquals(20, windows.windowStart(1));
    assertEquals(26, windows.windowStart(7));
    assertThrows(IndexOutOfBoundsException.class, () -> windows.windowStart(8));
  }

  @Test
  void aRowStartsAtTheWindowItsSeedStepAndRowHashTo() {
    TokenWindows windows = TokenWindows.training(split(), 3);
    long seed = 42;
    long step = 1000;
    for (int row = 0; row < 4; row++) {
      // mix(mix(mix(seed) ^ step) ^ row), through the JDK's SplitMix64.
      long h = mix(mix(mix(mix(seed) ^ step)) ^ row);
      long window = Long.remainderUnsigned(h, 8);
      assertEquals(windows.windowStart(window), windows.start(seed, step, row));
    }
  }

  @Test
  void aStepsWindowsDependOnlyOnTheSeedAndTheStepSoAResumedRunReadsTheSame() {
    TokenWindows fresh = TokenWindows.training(split(), 3);
    TokenWindows resumed = TokenWindows.training(split(), 3);
    for (int step = 0; step < 20; step++) {
      fresh.starts(7, step, 5);
    }
    assertArrayEquals(fresh.starts(7, 20, 5), resumed.starts(7, 20, 5));
    assertFalse(Arrays.equals(fresh.starts(7, 20, 5), fresh.starts(7, 21, 5)));
    assertFalse(Arrays.equals(fresh.starts(7, 20, 5), fresh.starts(8, 20, 5)));
  }

  @Test
  void everyWindowIsDrawnAboutEquallyOften() {
    TokenWindows windows = TokenWindows.training(split(), 3);
    int[] counts = new int[30];
    for (int step = 0; step < 1000; step++) {
      for (int start : windows.starts(3, step, 8)) {
        counts[start]++;
      }
    }
    // 8,000 draws over 8 windows: 1,000 each, binomial standard deviation 30.
    for (int start : new int[] {0, 20, 21, 22, 23, 24, 25, 26}) {
      assertTrue(Math.abs(counts[start] - 1000) < 150, start + ": " + counts[start]);
    }
    int drawn = counts[0];
    for (int start = 20; start <= 26; start++) {
      drawn += counts[start];
    }
    assertEquals(8000, drawn);
  }

  @Test
  void thePyTorchAnchorSplitsGenesisAndDrawsItsWindowsAsHastenDoes() {
    // Printed by the anchor's own implementation of the rules (Python):
    //   scripts/kjv-anchor.py --print-windows 42 1000 4 --context 128 --corpus …/kjv-genesis.txt
    SplitText genesis = CorpusSplit.standard().apply(KjvCorpus.excerpt(null));
    assertEquals(
        List.of(
            new Segment(36_864, 40_960),
            new Segment(49_152, 53_248),
            new Segment(110_592, 114_688),
            new Segment(155_648, 159_744)),
        genesis.validation());
    assertArrayEquals(
        new int[] {106_760, 93_609, 89_071, 202_578},
        TokenWindows.training(genesis, 128).starts(42, 1000, 4));
  }

  @Test
  void aBatchIsTheInputTokensAndTheLabelsOneByteLater() {
    TokenWindows windows = TokenWindows.training(split(), 3);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList batch = windows.batch(manager, new int[] {0, 26});
      assertEquals(DataType.INT64, batch.get(0).getDataType());
      assertEquals(new Shape(2, 3), batch.get(0).getShape());
      // '0' = 48 … '3' = 51; 'q' = 113 … 't' = 116.
      assertArrayEquals(new long[] {48, 49, 50, 113, 114, 115}, batch.get(0).toLongArray());
      assertArrayEquals(new long[] {49, 50, 51, 114, 115, 116}, batch.get(1).toLongArray());
    }
  }

  @Test
  void validationIsTiledWithNonOverlappingWindows() {
    // A window of 2 reads 3 bytes: [4, 10) holds those at 4 and 6 (one at 8 would read byte 10);
    // [13, 20) those at 13, 15 and 17. Of 3 (4 bytes): at 4; at 13 and 16.
    TokenWindows windows = TokenWindows.validation(split(), 2);
    assertArrayEquals(new int[] {4, 6, 13, 15, 17}, windows.tiling());
    assertArrayEquals(new int[] {4, 13, 16}, TokenWindows.validation(split(), 3).tiling());
  }

  @Test
  void aLimitedTilingTakesWindowsSpreadEvenlyOverTheText() {
    TokenWindows windows = TokenWindows.validation(split(), 2);
    // Of the five windows 4, 6, 13, 15, 17: numbers 0 and 5/2 = 2; or 0, 5/3 = 1 and 10/3 = 3.
    assertArrayEquals(new int[] {4, 13}, windows.tiling(2));
    assertArrayEquals(new int[] {4, 6, 15}, windows.tiling(3));
    assertArrayEquals(windows.tiling(), windows.tiling(5));
    assertArrayEquals(windows.tiling(), windows.tiling(100));
  }

  @Test
  void aWindowLongerThanEveryStretchIsRefusedInOneLine() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TokenWindows.training(split(), 10));
    assertEquals(
        "no training stretch of corpus digits holds a window of 10 tokens (11 bytes); the longest"
            + " has 10 bytes",
        e.getMessage());
  }

  private static long mix(long x) {
    return new SplittableRandom(x).nextLong();
  }
}
