package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A corpus of four 12-byte blocks, A B A B with A = "In the light" and B = "God and God ", split in
 * groups of 2 blocks with seed 2, which holds out block 0 of group 0 and block 1 of group 1
 * (CorpusSplit's rule, pinned by CorpusSplitTest): validation is bytes [0, 12) (A) and [36, 48)
 * (B), training bytes [12, 36), "God and God In the light". Each segment is encoded on its own in
 * the words of genesis-words.tokenizer.json (HuggingFaceTokensTest):
 *
 * <pre>
 * [0, 12)  "In the light"              1 2 11          ends 2 6 12
 * [12, 36) "God and God In the light"  4 7 4 1 2 11    ends 12 + (3 7 11 14 18 24)
 * [36, 48) "God and God "              4 7 4           ends 36 + (3 7 12): the last token also
 *                                                     covers the trailing space
 * </pre>
 *
 * So the tokens are 1 2 11 | 4 7 4 1 2 11 | 4 7 4 at positions 0-2 | 3-8 | 9-11.
 */
class TokenizedTextTest {
  static final String A = "In the light";
  static final String B = "God and God ";

  static SplitText abab() {
    Corpus corpus = Corpus.of((A + B + A + B).getBytes(StandardCharsets.US_ASCII), "abab", null);
    return new CorpusSplit(12, 2, 2).apply(corpus);
  }

  static TokenizedText words(SplitText text, PrintStream messages) {
    return TokenizedText.encode(
        text, Tokenizer.fromFile(HuggingFaceTokensTest.genesisWords()), messages);
  }

  @Test
  void eachSegmentIsEncodedOnItsOwnInTextOrder() {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    TokenizedText tokens = words(abab(), new PrintStream(said, true, StandardCharsets.UTF_8));

    assertEquals(List.of(new Segment(3, 9)), tokens.train());
    assertEquals(List.of(new Segment(0, 3), new Segment(9, 12)), tokens.validation());
    int[] all = new int[12];
    for (int i = 0; i < all.length; i++) {
      all[i] = tokens.token(i);
    }
    assertArrayEquals(new int[] {1, 2, 11, 4, 7, 4, 1, 2, 11, 4, 7, 4}, all);
    assertEquals(6, tokens.trainTokens());
    assertTrue(
        said.toString(StandardCharsets.UTF_8).contains(": 12 tokens of 48 bytes (4.00 bytes a"),
        said.toString(StandardCharsets.UTF_8));
  }

  @Test
  void labelsCoverTheCharactersFromTheEndOfTheTokenBeforeThem() {
    TokenizedText tokens = words(abab(), new PrintStream(new ByteArrayOutputStream()));
    // A window at 3 ("God") of 2 tokens predicts "and" and "God": " and God", characters 15 to 23.
    assertEquals(8, tokens.labelCharacters(3, 2));
    // At 9 ("God" of the last block), predicting " and" and " God ", the trailing space included.
    assertEquals(9, tokens.labelCharacters(9, 2));
  }

  @Test
  void windowsAreOfTokenIdsAndBitsPerCharacterCountTheirCharacters() {
    TokenizedText tokens = words(abab(), new PrintStream(new ByteArrayOutputStream()));
    TokenWindows train = TokenWindows.training(tokens, 2);
    TokenWindows validation = TokenWindows.validation(tokens, 2);
    // The training segment has 6 tokens: windows of 2 (and their next token) start at 3, 4, 5, 6.
    assertEquals(4, train.count());
    assertEquals(6, train.windowStart(3));
    // Each validation segment has 3 tokens: one window of 2 and its label, at 0 and at 9.
    int[] tiling = validation.tiling();
    assertArrayEquals(new int[] {0, 9}, tiling);
    // Labels " the light" (10 characters) and " and God " (9).
    assertEquals(19, validation.labelCharacters(tiling));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList batch = validation.batch(manager, tiling);
      assertArrayEquals(new long[] {1, 2, 4, 7}, batch.get(0).toLongArray());
      assertArrayEquals(new long[] {2, 11, 7, 4}, batch.get(1).toLongArray());
    }
  }

  @Test
  void byteTokensAreTheCorpusBytesAndEachCharacterIsOneLabel() {
    TokenizedText bytes = TokenizedText.encode(abab(), ByteTokens.TOKENIZER, null);
    assertTrue(bytes.isBytes());
    assertEquals(List.of(new Segment(12, 36)), bytes.train());
    assertEquals('G', bytes.token(12));
    assertEquals(5, bytes.labelCharacters(0, 5));
  }

  @Test
  void theSameTextAndTokenizerAreEncodedOnce() {
    TokenizedText first = words(abab(), new PrintStream(new ByteArrayOutputStream()));
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    TokenizedText again = words(abab(), new PrintStream(said, true, StandardCharsets.UTF_8));
    assertSame(first, again);
    assertEquals("", said.toString(StandardCharsets.UTF_8));
  }
}
