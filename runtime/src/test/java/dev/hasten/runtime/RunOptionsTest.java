package dev.hasten.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --data-memory} sizes: bytes or K, M, G, T in powers of 1024; anything else refused. */
class RunOptionsTest {
  @Test
  void sizesAreBytesOrPowersOf1024() {
    assertEquals(4096, RunOptions.parseDataMemory("4096"));
    assertEquals(512L << 20, RunOptions.parseDataMemory("512M"));
    assertEquals(512L << 20, RunOptions.parseDataMemory("512mb"));
    assertEquals(4L << 30, RunOptions.parseDataMemory("4G"));
    assertEquals(3L << 10, RunOptions.parseDataMemory(" 3k "));
    assertEquals(2L << 40, RunOptions.parseDataMemory("2T"));
    assertEquals(
        Optional.of(1L << 30), RunOptions.defaults().withDataMemory(1L << 30).dataMemory());
    assertEquals(Optional.empty(), RunOptions.defaults().dataMemory());
  }

  @Test
  void zeroNegativeFractionalUnknownOrOverflowingSizesAreRefused() {
    for (String bad :
        new String[] {"0", "0G", "-1", "1.5G", "4Q", "G", "", "8388608T", "99999999999999999999"}) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> RunOptions.parseDataMemory(bad));
      assertEquals(
          "--data-memory must be a size above 0 such as 512M or 4G (K, M, G, T: powers of 1024), got '"
              + bad
              + "'",
          e.getMessage());
    }
    assertThrows(InvalidInputException.class, () -> RunOptions.defaults().withDataMemory(0));
  }
}
