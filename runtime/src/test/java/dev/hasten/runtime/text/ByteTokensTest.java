package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteTokensTest {
  @Test
  void asciiIsOneTokenPerCharacterItsCode() {
    assertArrayEquals(new int[] {73, 110, 32, 116, 104, 101}, ByteTokens.encode("In the"));
  }

  @Test
  void otherCharactersAreTheirUtf8BytesUnsigned() {
    // é is U+00E9: UTF-8 0xC3 0xA9.
    assertArrayEquals(new int[] {0xC3, 0xA9}, ByteTokens.encode("é"));
    assertEquals("é", ByteTokens.decode(new int[] {0xC3, 0xA9}));
  }

  @Test
  void aCutCharacterDecodesAsTheReplacementCharacter() {
    assertEquals("a\uFFFD", ByteTokens.decode(new int[] {97, 0xC3}));
    assertThrows(IllegalArgumentException.class, () -> ByteTokens.decode(new int[] {256}));
  }

  @Test
  void asATokenizerEachByteEndsAfterTheCharactersItHasStarted() {
    // "aé": 'a' is 0x61 = 97, one character; é is 0xC3 0xA9, one character over two bytes. So the
    // ends in characters are 1 (after a), 2 (é has started), 2 (its continuation byte adds none).
    EncodedText encoded = ByteTokens.TOKENIZER.encodeCounted("aé");
    assertArrayEquals(new int[] {97, 0xC3, 0xA9}, encoded.ids());
    assertArrayEquals(new int[] {1, 2, 2}, encoded.characterEnds());
    assertEquals("aé", ByteTokens.TOKENIZER.decode(encoded.ids()));
    assertEquals(256, ByteTokens.TOKENIZER.vocabulary());
    assertEquals("bytes", ByteTokens.TOKENIZER.fingerprint());
  }
}
