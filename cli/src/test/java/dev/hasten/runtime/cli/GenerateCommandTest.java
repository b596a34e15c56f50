package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonArray;
import dev.hasten.runtime.data.Normalisation;
import dev.hasten.runtime.export.ModelDescription;
import dev.hasten.runtime.export.ModelDescription.ModelSource;
import dev.hasten.runtime.export.ModelExporter;
import dev.hasten.runtime.export.ModelInput;
import dev.hasten.runtime.model.Models;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasten generate} on exported models made here: an untrained GPT of byte tokens (its
 * samples are noise, which is what the UTF-8 check needs) and a small image model.
 */
class GenerateCommandTest {
  static final int CONTEXT = 16;

  @TempDir static Path tmp;
  static Path lmRun;
  static Path imageModel;

  @BeforeAll
  static void exportModels() throws IOException {
    Engine.getInstance().setRandomSeed(21);
    lmRun = tmp.resolve("lm-run");
    UntrainedGpt.export(
        lmRun.resolve("model"),
        "a.b.TinyLm",
        new ModelInput.Tokens(ModelInput.Tokens.BYTES, 256, CONTEXT),
        null);
    imageModel = tmp.resolve("image-model");
    JsonArray cnnArguments = new JsonArray();
    cnnArguments.add(10);
    export(
        new Models().baselineCnn(10),
        new ModelDescription(
            "a.b.Fashion",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            1,
            28,
            28,
            Normalisation.of(0.5f, 0.5f),
            new ModelSource("baselineCnn", cnnArguments),
            List.of(),
            List.of(),
            10),
        imageModel);
  }

  private static void export(Block block, ModelDescription d, Path dir) throws IOException {
    try (Model model = Model.newInstance("m")) {
      block.initialize(model.getNDManager(), DataType.FLOAT32, d.input().oneExample());
      ModelExporter.export(block, d, dir);
    }
  }

  private static CliRun generate(String... flags) {
    String[] args = new String[2 + flags.length];
    args[0] = "generate";
    args[1] = lmRun.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return CliRun.of(args);
  }

  @Test
  void printsThePromptThenTheSampleAsValidUtf8() throws CharacterCodingException {
    CliRun run = generate("--prompt", "In the beginning", "--tokens", "60", "--seed", "3");
    assertEquals(HastenCli.OK, run.status(), run.err());
    // Decoding strictly fails on a malformed sequence: there is none, whatever bytes were drawn.
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(run.outBytes()))
            .toString();
    assertTrue(text.startsWith("In the beginning"), text);
    assertTrue(text.endsWith("\n"), text);
    assertTrue(run.err().contains("60 tokens in"), run.err());
  }

  @Test
  void theSameSeedPrintsTheSameTextAndAnotherSeedOther() {
    CliRun a = generate("--prompt", "And God said", "--tokens", "30", "--seed", "8");
    CliRun b = generate("--prompt", "And God said", "--tokens", "30", "--seed", "8");
    CliRun c = generate("--prompt", "And God said", "--tokens", "30", "--seed", "9");
    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
  }

  @Test
  void aModelFolderWorksAsWellAsItsRunFolderAndZeroTokensIsThePrompt() {
    CliRun run =
        CliRun.of(
            "generate",
            lmRun.resolve("model").toString(),
            "--prompt",
            "Let there be",
            "--tokens",
            "0");
    assertEquals(HastenCli.OK, run.status(), run.err());
    assertEquals("Let there be\n", run.out());
  }

  @Test
  void aFolderWithoutAModelIsRefused() {
    CliRun run = CliRun.of("generate", tmp.resolve("nothing").toString(), "--prompt", "x");
    assertTrue(run.refusedInOneLine(), run.err());
    assertTrue(run.err().startsWith("hasten: no exported model in "), run.err());
  }

  @Test
  void anImageModelIsRefused() {
    CliRun run = CliRun.of("generate", imageModel.toString(), "--prompt", "x");
    assertTrue(run.refusedInOneLine(), run.err());
    assertEquals(
        "hasten: Fashion's model is an image model: generate samples text from a language model"
            + " (classify images with ./hasten predict)",
        run.err().strip());
  }

  @Test
  void badPromptsAndFlagValuesAreRefusedInOneLine() {
    String[][] cases = {
      {"--prompt", ""},
      {"--prompt", "x", "--tokens", "-1"},
      {"--prompt", "x", "--temperature", "-0.5"},
      {"--prompt", "x", "--temperature", "NaN"},
      {"--prompt", "x", "--top-k", "-2"},
      {"--prompt", "x", "--tokens", "many"},
      {"--tokens", "5"},
    };
    String[] starts = {
      "hasten: --prompt is empty",
      "hasten: --tokens must be 0 or more, got -1",
      "hasten: --temperature must be 0 (greedy) or a finite number above it, got -0.5",
      "hasten: --temperature must be 0 (greedy) or a finite number above it, got NaN",
      "hasten: --top-k must be 0 (all tokens) or more, got -2",
      "hasten: Invalid value for option '--tokens'",
      "hasten: Missing required option: '--prompt=TEXT'",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun run = generate(cases[i]);
      assertTrue(run.refusedInOneLine(), String.join(" ", cases[i]) + ": " + run.err());
      assertTrue(run.err().startsWith(starts[i]), run.err());
      assertEquals(0, run.outBytes().length, run.out());
    }
  }
}
