package dev.hasten.runtime.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.text.ByteTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generation over a model whose logits the test sets. */
class TextGeneratorTest {
  /** A "model" that always favours the token after the last one, by a margin of 5. */
  static float[] nextByteAfter(int[] window) {
    float[] logits = new float[256];
    logits[(window[window.length - 1] + 1) % 256] = 5f;
    return logits;
  }

  @Test
  void greedyFollowsTheModelsArgmaxFromThePrompt() {
    TextGenerator generator = new TextGenerator(TextGeneratorTest::nextByteAfter, 256, 8);
    int[] out = generator.continueFrom(ByteTokens.encode("a"), 5, new TokenSampler(0, 40, 1));
    assertEquals("abcdef", ByteTokens.decode(out));
  }

  @Test
  void theModelSeesAtMostItsContextTheLatestTokensLast() {
    List<int[]> windows = new ArrayList<>();
    TextGenerator generator =
        new TextGenerator(
            w -> {
              windows.add(w);
              return nextByteAfter(w);
            },
            256,
            4);
    int[] out = generator.continueFrom(new int[] {10, 11}, 5, new TokenSampler(0, 0, 1));
    assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15, 16}, out);
    // Windows of 2, 3, then 4 tokens, sliding: the last 4 of the text so far.
    assertArrayEquals(new int[] {10, 11}, windows.get(0));
    assertArrayEquals(new int[] {10, 11, 12}, windows.get(1));
    assertArrayEquals(new int[] {10, 11, 12, 13}, windows.get(2));
    assertArrayEquals(new int[] {11, 12, 13, 14}, windows.get(3));
    assertArrayEquals(new int[] {12, 13, 14, 15}, windows.get(4));
    assertEquals(5, windows.size());
  }

  @Test
  void aLongPromptIsKeptWholeWhileTheModelReadsItsTail() {
    TextGenerator generator = new TextGenerator(TextGeneratorTest::nextByteAfter, 256, 2);
    int[] out = generator.continueFrom(ByteTokens.encode("hello"), 2, new TokenSampler(0, 0, 1));
    assertEquals("hellopq", ByteTokens.decode(out));
  }

  @Test
  void theSameSeedGivesTheSameTextAndTopKBoundsEveryToken() {
    // Flat logits over 256 tokens but for 8 favoured ones: top-k 8 samples only those.
    float[] flat = new float[256];
    Arrays.fill(flat, 0f);
    for (int i = 0; i < 8; i++) {
      flat['a' + i] = 1f;
    }
    TextGenerator generator = new TextGenerator(w -> flat, 256, 16);
    int[] a = generator.continueFrom(ByteTokens.encode(">"), 300, new TokenSampler(2, 8, 5));
    int[] b = generator.continueFrom(ByteTokens.encode(">"), 300, new TokenSampler(2, 8, 5));
    assertArrayEquals(a, b);
    for (int i = 1; i < a.length; i++) {
      assertEquals(true, a[i] >= 'a' && a[i] < 'a' + 8, "token " + a[i] + " at " + i);
    }
  }

  @Test
  void anEmptyPromptOrATokenOutsideTheVocabularyIsRefusedByName() {
    // An ASCII model of 128 tokens: "é" is the bytes 0xc3 0xa9.
    TextGenerator ascii = new TextGenerator(w -> new float[128], 128, 8);
    InvalidInputException empty =
        assertThrows(
            InvalidInputException.class,
            () -> ascii.continueFrom(new int[0], 3, new TokenSampler(0, 0, 1)));
    assertEquals("the prompt is empty: give at least one character to start", empty.getMessage());
    InvalidInputException outside =
        assertThrows(
            InvalidInputException.class,
            () -> ascii.continueFrom(ByteTokens.encode("café"), 3, new TokenSampler(0, 0, 1)));
    assertEquals(
        "the prompt's token 195 (0xc3, at position 3) is outside the model's 128 tokens",
        outside.getMessage());
  }
}
