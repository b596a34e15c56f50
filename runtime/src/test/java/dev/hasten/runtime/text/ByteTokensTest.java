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
}
