package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.GptSize;
import dev.hasten.dsl.Split;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.data.DataLocation;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.data.TextDataset;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.AdamWOptimizer;
import dev.hasten.runtime.optim.CosineSchedule;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data} on a language model: a pipeline that reads its text through {@link
 * Datasets#textBuilder} trains on the file the flag names; one whose data methods choose their text
 * themselves is refused in one line before it writes anything, rather than training on other text
 * than the user named.
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
              + ": TinyKjv is a language model whose @TrainData chooses its own text, the"
              + " embedded Book of Genesis (KJV, 204,674 bytes), so the file would not be read. A"
              + " pipeline reads the file --data names through Datasets.textBuilder(split), as"
              + " KjvBaseline does",
          e.getMessage());
    }
    assertFalse(Files.exists(out), "the run's folder was created");
  }

  @Test
  void aPipelineReadingItsTextThroughDatasetsTrainsOnTheFile() throws IOException {
    Corpus genesis = KjvCorpus.excerpt(null);
    Path text = Files.writeString(tmp.resolve("genesis.txt"), genesis.text(0, genesis.length()));
    Path out = tmp.resolve("run");
    RunOptions options =
        RunOptions.defaults().withOut(out).withProgressBar(false).withData(text).withMaxSteps(2);
    try (NDManager manager = NDManager.newBaseManager();
        Datasets data = new Datasets(DataLocation.fromFlag(text), manager)) {
      TextDataset train =
          data.textBuilder(Split.TRAIN).optTokensPerEpoch(TextRuns.T * 8L * 4).build();
      assertEquals(text, train.file().orElseThrow());
      try (Run run =
          new Runs(options, manager)
              .open(
                  TextRuns.spec(1),
                  new Models().gpt(GptSize.TOY, ByteTokens.VOCABULARY, TextRuns.T),
                  train,
                  null,
                  AdamWOptimizer.builder().setLearningRate(1e-3).build(),
                  new CosineSchedule(0.1))) {
        assertEquals(2, TextRuns.fit(run).steps());
      }
    }
    assertTrue(Files.exists(out.resolve("summary.json")));
  }

  @Test
  void aFlagNamingAFolderOrABinaryFileIsRefusedInOneLine() throws IOException {
    Path binary = Files.write(tmp.resolve("t10k.gz"), new byte[] {31, -117, 8, 0, 0});
    try (NDManager manager = NDManager.newBaseManager();
        Datasets data = new Datasets(DataLocation.fromFlag(binary), manager);
        Datasets folder = new Datasets(DataLocation.fromFlag(tmp), manager)) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> data.textBuilder(Split.TRAIN));
      assertEquals(
          "--data " + binary + ": a binary file (a NUL byte at offset 3), not text",
          e.getMessage());
      e = assertThrows(InvalidInputException.class, () -> folder.textBuilder(Split.TRAIN));
      assertEquals("--data " + tmp + ": a folder, not a text file", e.getMessage());
    }
  }
}
