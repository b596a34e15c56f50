package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BitsPerCharacterTest {
  @Test
  void byteTokensOfAsciiAreNatsOverLn2() {
    // One token per character: ln 4 nats a token is 2 bits a token, and so 2 bits a character.
    double ratio = BitsPerCharacter.tokensPerCharacter(1000, 1000);
    assertEquals(2.0, BitsPerCharacter.of(Math.log(4), ratio), 1e-12);
  }

  @Test
  void wordTokensShareTheirBitsOverTheCharactersTheyCover() {
    // TokenizedTextTest's validation windows: 4 label tokens over 19 characters. At 2 bits a token
    // (2 ln 2 nats) that is 8 bits in all, over 19 characters: 8/19 = 0.421053 bits a character.
    double ratio = BitsPerCharacter.tokensPerCharacter(4, 19);
    assertEquals(8.0 / 19, BitsPerCharacter.of(2 * Math.log(2), ratio), 1e-12);
    assertEquals(0.4210526, BitsPerCharacter.of(2 * Math.log(2), ratio), 1e-7);
  }

  @Test
  void bytesOfOtherTextCountTheirCharacters() {
    // "é" is 2 bytes, 1 character: 2 tokens a character, so 1 bit a token is 2 bits a character.
    assertEquals(2.0, BitsPerCharacter.of(Math.log(2), BitsPerCharacter.tokensPerCharacter(2, 1)));
    assertThrows(IllegalArgumentException.class, () -> BitsPerCharacter.tokensPerCharacter(4, 0));
  }
}
