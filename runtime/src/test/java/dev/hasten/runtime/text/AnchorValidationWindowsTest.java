package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch anchor ({@code scripts/kjv-anchor.py}) evaluates on the validation windows Hasten
 * evaluates on: the windows below were printed by the script's own implementation of the rules
 * ({@code --print-windows … --eval-windows N}) and are derived here by hand from the split.
 */
class AnchorValidationWindowsTest {
  private static final int CONTEXT = 128;

  @Test
  void aSpreadTilingOfGenesisTakesTheWindowsNumberedFloorOfINOverTheLimit() {
    //   scripts/kjv-anchor.py --print-windows 42 1000 4 --eval-windows 10 --corpus
    // …/kjv-genesis.txt
    SplitText genesis = CorpusSplit.standard().apply(KjvCorpus.excerpt(null));
    // Four held-out blocks of 4,096 bytes. A window of 128 tokens reads 129 bytes, so a block
    // tiles into windows at offsets 0, 128, …, 3,840 (3,968 + 129 > 4,096): 31 each, 124 in all.
    assertEquals(
        List.of(
            new Segment(36_864, 40_960),
            new Segment(49_152, 53_248),
            new Segment(110_592, 114_688),
            new Segment(155_648, 159_744)),
        genesis.validation());
    TokenWindows validation = TokenWindows.validation(genesis, CONTEXT);
    assertEquals(124, validation.tiling().length);
    // Ten of them: numbers floor(i·124/10) = 0, 12, 24, 37, 49, 62, 74, 86, 99, 111; number k is
    // block k / 31 at offset (k mod 31)·128. E.g. 37 = 31 + 6: 49,152 + 768 = 49,920.
    assertArrayEquals(
        new int[] {
          36_864,
          36_864 + 12 * 128,
          36_864 + 24 * 128,
          49_152 + 6 * 128,
          49_152 + 18 * 128,
          110_592,
          110_592 + 12 * 128,
          110_592 + 24 * 128,
          155_648 + 6 * 128,
          155_648 + 18 * 128
        },
        validation.tiling(10));
    assertArrayEquals(
        new int[] {
          36_864, 38_400, 39_936, 49_920, 51_456, 110_592, 112_128, 113_664, 156_416, 157_952
        },
        validation.tiling(10));
  }

  @Test
  void theBaselinesTwoHundredFiftySixValidationWindowsOfTheWholeBibleAreTheAnchors() {
    //   scripts/kjv-anchor.py --print-windows 42 0 4 (the whole text, --eval-windows 256)
    assumeTrue(
        KjvCorpus.onPath(KjvCorpus.PROGRAM, System.getenv("PATH")) != null,
        "bible-kjv is not installed");
    SplitText kjv = CorpusSplit.standard().apply(KjvCorpus.load(null));
    List<Segment> held = kjv.validation();
    // 4,298,239 bytes hold 104 full groups of 40,960: 104 blocks of 31 windows each.
    assertEquals(104, held.size());
    TokenWindows validation = TokenWindows.validation(kjv, CONTEXT);
    assertEquals(104 * 31, validation.tiling().length);
    int[] spread = validation.tiling(256);
    assertEquals(256, spread.length);
    // Number floor(i·3,224/256): i = 2 → 25 (block 0, offset 3,200); i = 128 → 1,612 = 52·31
    // (block 52, offset 0); i = 255 → 3,211 = 103·31 + 18 (the last block, offset 2,304).
    assertEquals(held.get(0).start() + 25 * 128, spread[2]);
    assertEquals(held.get(52).start(), spread[128]);
    assertEquals(held.get(103).start() + 18 * 128, spread[255]);
    // The same windows as the anchor printed them.
    assertArrayEquals(new int[] {36_864, 38_400, 40_064}, Arrays.copyOfRange(spread, 0, 3));
    assertEquals(2_146_304, spread[128]);
    assertArrayEquals(new int[] {4_223_616, 4_225_280}, Arrays.copyOfRange(spread, 254, 256));
    // And the first training batch of seed 42, step 0.
    assertArrayEquals(
        new int[] {1_279_175, 1_337_419, 2_951_540, 3_791_816},
        TokenWindows.training(kjv, CONTEXT).starts(42, 0, 4));
  }
}
