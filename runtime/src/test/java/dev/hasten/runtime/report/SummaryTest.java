package dev.hasten.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hasten.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
  @TempDir Path dir;

  private RunResult result() {
    return new RunResult("P", List.of("Ema"), 2, 10, 1.5, 800, 0.9, 0.91, "cpu()", dir);
  }

  @Test
  void writesOneLineThatReadsBack() throws IOException {
    Summary.write(dir, result());

    assertEquals(1, Files.readAllLines(dir.resolve(Summary.FILE_NAME)).size());
    assertEquals(result(), Summary.read(dir));
  }

  @Test
  void aFullDiskLeavesNoTemporaryAndNoSummary() throws IOException {
    // Linux's /dev/full fails every write with ENOSPC, as a full disk does.
    Path full = Path.of("/dev/full");
    assumeTrue(Files.exists(full), "needs /dev/full");
    Path tmp = Files.createSymbolicLink(dir.resolve(Summary.FILE_NAME + ".tmp"), full);

    IOException e = assertThrows(IOException.class, () -> Summary.write(dir, result()));

    assertEquals("No space left on device", e.getMessage());
    assertFalse(
        Files.exists(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the temporary is left");
    assertFalse(Files.exists(dir.resolve(Summary.FILE_NAME)));
  }
}
