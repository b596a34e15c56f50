package dev.hasten.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

  private RunResult languageResult(double tokensPerSecond) {
    return new RunResult(
        "Lm",
        List.of(),
        8,
        100,
        40,
        Double.NaN,
        0.3,
        0.3,
        "cpu()",
        dir,
        "resident",
        0,
        1.5,
        1.5,
        true,
        tokensPerSecond,
        1);
  }

  @Test
  void aLanguageModelsThroughputIsTokensPerSecondAndReadsBack() throws IOException {
    Summary.write(dir, languageResult(5120.04));

    String line = Files.readString(dir.resolve(Summary.FILE_NAME));
    assertTrue(line.contains("\"tokens_per_second\":5120.0,"), line);
    assertFalse(line.contains("images_per_second"), line);
    assertEquals(languageResult(5120.0), Summary.read(dir));
  }

  /** A language model's summary written before tokens were counted still reads. */
  @Test
  void anOlderLanguageSummaryWithWindowsPerSecondReadsBack() throws IOException {
    Files.writeString(
        dir.resolve(Summary.FILE_NAME),
        "{\"pipeline\":\"Lm\",\"speedups\":[],\"epochs\":8,\"steps\":100,"
            + "\"train_seconds\":40.0,\"images_per_second\":40.0,\"final_test_acc\":0.3,"
            + "\"best_test_acc\":0.3,\"device\":\"cpu()\",\"data\":\"resident\","
            + "\"skipped_images\":0,\"final_test_loss\":1.5,\"best_test_loss\":1.5,"
            + "\"final_bits_per_char\":2.16,\"best_bits_per_char\":2.16}\n");

    RunResult read = Summary.read(dir);

    assertTrue(read.languageModel());
    assertEquals(40.0, read.imagesPerSecond(), 0);
    assertTrue(Double.isNaN(read.tokensPerSecond()));
    assertEquals(1.5, read.finalTestLoss(), 0);
  }
}
