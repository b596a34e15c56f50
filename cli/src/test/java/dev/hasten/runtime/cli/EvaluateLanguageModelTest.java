package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.runtime.export.ModelInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasten evaluate} on a language model's folder: the validation windows of a text file, and
 * the refusal of files and flags that cannot be evaluated, each in one line.
 */
class EvaluateLanguageModelTest {
  static final int CONTEXT = 16;

  @TempDir static Path tmp;
  static Path lmRun;

  /**
   * "aabc" repeated: 40,960 bytes, one group of the standard split, so 4,096 bytes are held out,
   * which windows of 16 tile (4,096 − 1) / 16 = 255 times.
   */
  static Path text;

  @BeforeAll
  static void exportAnUntrainedGpt() throws IOException {
    Engine.getInstance().setRandomSeed(5);
    lmRun = tmp.resolve("lm-run");
    UntrainedGpt.export(
        lmRun.resolve("model"),
        "a.b.TinyLm",
        new ModelInput.Tokens(ModelInput.Tokens.BYTES, 256, CONTEXT),
        null);
    text = tmp.resolve("aabc.txt");
    Files.writeString(text, "aabc".repeat(10_240), StandardCharsets.US_ASCII);
  }

  @Test
  void evaluatesTheWindowsOfATextFileAsJson() {
    CliRun run =
        CliRun.of(
            "evaluate", lmRun.toString(), "--data", text.toString(), "--windows", "10", "--json");

    assertEquals(HastenCli.OK, run.status(), run.err());
    JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals("TinyLm", o.get("pipeline").getAsString());
    assertEquals(10, o.get("windows").getAsInt());
    assertEquals(160, o.get("predictions").getAsInt());
    double loss = o.get("test_loss").getAsDouble();
    // An untrained GPT is close to uniform over 256 bytes: near ln 256 = 5.55 nats.
    assertTrue(loss > 4.5 && loss < 6.5, "loss " + loss);
    assertEquals(loss / Math.log(2), o.get("bits_per_char").getAsDouble(), 1e-12);
    double accuracy = o.get("test_acc").getAsDouble();
    assertEquals(accuracy * 160, Math.rint(accuracy * 160), 1e-9);
  }

  @Test
  void allTheWindowsOfTheFileAreReadWhenFewerThanTheLimit() {
    CliRun run = CliRun.of("evaluate", lmRun.toString(), "--data", text.toString());

    assertEquals(HastenCli.OK, run.status(), run.err());
    assertTrue(run.out().contains(" tokens in 255 windows of 16"), run.out());
    assertTrue(run.out().contains("of 4,080 tokens"), run.out());
    assertTrue(run.out().startsWith("validation loss "), run.out());
  }

  @Test
  void missingEmptyAndBinaryFilesAreRefusedInOneLine() throws IOException {
    Path missing = tmp.resolve("none.txt");
    Path empty = Files.createFile(tmp.resolve("empty.txt"));
    Path binary = Files.write(tmp.resolve("t10k.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});

    CliRun absent = CliRun.of("evaluate", lmRun.toString(), "--data", missing.toString());
    CliRun nothing = CliRun.of("evaluate", lmRun.toString(), "--data", empty.toString());
    CliRun bytes = CliRun.of("evaluate", lmRun.toString(), "--data", binary.toString());
    CliRun folder = CliRun.of("evaluate", lmRun.toString(), "--data", tmp.toString());

    assertTrue(absent.refusedInOneLine(), absent.err());
    assertEquals("hasten: --data " + missing + ": no such file", absent.err().strip());
    assertTrue(nothing.refusedInOneLine(), nothing.err());
    assertEquals("hasten: --data " + empty + ": the file is empty", nothing.err().strip());
    assertTrue(bytes.refusedInOneLine(), bytes.err());
    assertEquals(
        "hasten: --data " + binary + ": a binary file (a NUL byte at offset 3), not text",
        bytes.err().strip());
    assertTrue(folder.refusedInOneLine(), folder.err());
    assertEquals("hasten: --data " + tmp + ": a folder, not a text file", folder.err().strip());
  }

  @Test
  void aConfusionImageAndTooFewWindowsAreRefusedInOneLine() {
    CliRun png = CliRun.of("evaluate", lmRun.toString(), "--png", tmp.resolve("c.png").toString());
    CliRun zero =
        CliRun.of("evaluate", lmRun.toString(), "--data", text.toString(), "--windows", "0");

    assertTrue(png.refusedInOneLine(), png.err());
    assertTrue(png.err().contains("TinyLm's model is a language model"), png.err());
    assertTrue(zero.refusedInOneLine(), zero.err());
    assertEquals("hasten: --windows must be at least 1, got 0", zero.err().strip());
  }
}
