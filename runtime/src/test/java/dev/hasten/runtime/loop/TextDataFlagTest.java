package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data} on a language model: its data methods choose its text, so the flag would reach
 * nothing; the run is refused in one line before it writes anything, rather than training on other
 * text than the user named.
 */
class TextDataFlagTest {
  @TempDir Path tmp;

  @Test
  void aLanguageModelRunWithDataIsRefusedInOneLineBeforeItsFolderExists() throws IOException {
    Path text = Files.writeString(tmp.resolve("psalms.txt"), "The LORD is my shepherd\n");
    Path out = tmp.resolve("run");
    RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false).withData(text);
    try (NDManager manager = NDManager.newBaseManager()) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> TextRuns.open(manager, options, TextRuns.spec(1), 4).close());

      assertEquals(
          "--data "
              + text
              + ": TinyKjv is a language model, whose @TrainData and @EvalData choose its text"
              + ", the embedded Book of Genesis (KJV, 204,674 bytes); --data names"
              + " Fashion-MNIST or an image folder. To train on a text file, return"
              + " Datasets.text(FILE, Split.TRAIN) and Datasets.text(FILE, Split.TEST) from them",
          e.getMessage());
    }
    assertFalse(Files.exists(out), "the run's folder was created");
  }
}
