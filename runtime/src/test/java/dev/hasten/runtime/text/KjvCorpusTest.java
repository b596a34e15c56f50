package dev.hasten.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hasten.runtime.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KjvCorpusTest {
  @TempDir Path dir;

  @Test
  void theExcerptIsTheBookOfGenesisAsTheBibleProgramPrintsIt() {
    Corpus genesis = KjvCorpus.excerpt("a notice");
    assertEquals(KjvCorpus.EXCERPT_BYTES, genesis.length());
    assertEquals(
        "\nGenesis 1\n\n  1 In the beginning God created the heaven and the earth.\n",
        genesis.text(0, 71));
    String end = genesis.text(genesis.length() - 40, genesis.length());
    assertTrue(end.endsWith("in a coffin in Egypt.\n"));
    assertEquals("a notice", genesis.notice().orElseThrow());
  }

  @Test
  void theInstalledBibleIsTheWholeTextAndBeginsWithTheExcerpt() {
    Path program = KjvCorpus.onPath(KjvCorpus.PROGRAM, System.getenv("PATH"));
    assumeTrue(program != null, "bible-kjv is not installed");
    Corpus kjv = KjvCorpus.load(null);
    assertEquals(KjvCorpus.FULL_BYTES, kjv.length());
    Corpus genesis = KjvCorpus.excerpt(null);
    assertArrayEquals(genesis.bytes(), Arrays.copyOf(kjv.bytes(), genesis.length()));
    String end = kjv.text(kjv.length() - 60, kjv.length());
    assertTrue(end.endsWith("Christ be with you all. Amen.\n"));
    assertTrue(kjv.notice().isEmpty());
  }

  @Test
  void withoutTheProgramOnThePathTheCorpusIsTheExcerptWithANotice() throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    assertNull(KjvCorpus.onPath("bible", dir.resolve("bin").toString()));
    assertEquals(
        "the King James Bible was not found (no bible program on $PATH); using the embedded Book"
            + " of Genesis, 204,674 of its 4,298,239 bytes (install bible-kjv for the full text)",
        KjvCorpus.notInstalled());
  }

  @Test
  void aFailingProgramIsAOneLineErrorWithItsMessage() throws IOException {
    Path fake = dir.resolve("bible");
    Files.writeString(fake, "#!/bin/sh\necho 'cannot open bible.data' >&2\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(fake, KjvCorpus.onPath("bible", "/nonexistent:" + dir));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> KjvCorpus.fromProgram(fake));
    assertEquals(
        "bible -l1000 Gen1:1-Rev22:21 failed with status 3: cannot open bible.data (is"
            + " bible-kjv-text installed?)",
        e.getMessage());
  }

  @Test
  void aNamedFileIsReadInsteadAndMustExistAndHoldText() throws IOException {
    Path file = dir.resolve("psalm.txt");
    Files.writeString(file, "The LORD is my shepherd; I shall not want.\n");
    assertEquals(43, KjvCorpus.load(file).length());
    assertEquals(file.toString(), KjvCorpus.load(file).description());

    Path missing = dir.resolve("missing.txt");
    assertEquals(
        "corpus " + missing + ": no such file",
        assertThrows(InvalidInputException.class, () -> KjvCorpus.load(missing)).getMessage());
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    assertEquals(
        "corpus " + empty + " is empty",
        assertThrows(InvalidInputException.class, () -> KjvCorpus.load(empty)).getMessage());
    assertEquals(
        "corpus " + dir + ": a folder, not a text file",
        assertThrows(InvalidInputException.class, () -> KjvCorpus.load(dir)).getMessage());
  }
}
