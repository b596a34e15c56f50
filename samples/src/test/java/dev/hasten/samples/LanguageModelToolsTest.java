package dev.hasten.samples;

import static dev.hasten.samples.CliTest.hasten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.runtime.generate.ModelLogits;
import dev.hasten.runtime.report.Summary;
import dev.hasten.runtime.text.ByteTokens;
import dev.hasten.runtime.text.Corpus;
import dev.hasten.runtime.text.KjvCorpus;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools on a trained language model: a few steps of {@link KjvBaseline} export a token model,
 * which {@code generate} samples from, {@code export} rewrites from a checkpoint and {@code
 * evaluate} scores as the run did; {@code predict} refuses it; {@code doctor} profiles the
 * pipeline's steps.
 */
class LanguageModelToolsTest {
  @TempDir static Path tmp;
  static Path run;

  @BeforeAll
  static void trainAFewSteps() {
    run = tmp.resolve("kjv");
    Hasten.train(
        KjvBaseline.class,
        RunOptions.defaults()
            .withOut(run)
            .withProgressBar(false)
            .withMaxSteps(3)
            .withCheckpointEvery(3));
  }

  @Test
  void theRunsModelFolderDescribesATokenModelOfTheCatalogGpt() throws IOException {
    JsonObject d =
        JsonParser.parseString(Files.readString(run.resolve("model/hasten-model.json")))
            .getAsJsonObject();
    assertEquals("language-modeling", d.get("task").getAsString());
    assertEquals(
        "{\"tokenizer\":\"bytes\",\"vocabulary\":256,\"sequence_length\":128}",
        d.get("input").toString());
    assertEquals("gpt", d.getAsJsonObject("model").get("catalog").getAsString());
    assertEquals(
        "[\"TOY\",256,128]", d.getAsJsonObject("model").getAsJsonArray("arguments").toString());
    assertEquals(3, d.get("step").getAsInt());
  }

  @Test
  void generatePrintsThePromptAndTheSameSampleForTheSameSeed() {
    CliTest.Outcome a =
        hasten("generate", run.toString(), "--prompt", "In the beginning", "--tokens", "40");
    CliTest.Outcome b =
        hasten("generate", run.toString(), "--prompt", "In the beginning", "--tokens", "40");
    assertEquals(0, a.status(), a.errLines().toString());
    assertTrue(a.out().startsWith("In the beginning"), a.out());
    assertTrue(a.out().length() > "In the beginning\n".length(), a.out());
    assertEquals(a.out(), b.out());
    assertTrue(a.errLines().get(0).startsWith("hasten: 40 tokens in "), a.errLines().toString());
  }

  @Test
  void exportFromTheLastCheckpointGivesTheModelTheRunExported() throws IOException {
    Path again = tmp.resolve("from-checkpoint");
    CliTest.Outcome export = hasten("export", run.toString(), "--out", again.toString());
    assertEquals(0, export.status(), export.errLines().toString());
    int[] window = ByteTokens.encode("And God said, Let there be light");
    try (Model atEnd = HastenModel.load(run);
        Model fromCheckpoint = HastenModel.load(again)) {
      assertEquals(HastenModel.description(atEnd), HastenModel.description(fromCheckpoint));
      // The checkpoint after step 3 holds the weights the run's last evaluation saw.
      assertArrayEquals(
          new ModelLogits(atEnd).after(window), new ModelLogits(fromCheckpoint).after(window), 0f);
    }
  }

  @Test
  void predictRefusesALanguageModelInOneLine() {
    CliTest.Outcome predict = hasten("predict", run.toString(), "page.png");
    assertEquals(2, predict.status());
    assertEquals(
        List.of(
            "hasten: KjvBaseline's model is a language model: it takes text, not images (sample"
                + " from it with ./hasten generate)"),
        predict.errLines());
  }

  @Test
  void trainWithDataTrainsTheRecipeOnThatTextAndEvaluateReadsIt() throws IOException {
    Corpus genesis = KjvCorpus.excerpt(null);
    Path text = Files.writeString(tmp.resolve("genesis.txt"), genesis.text(0, genesis.length()));
    Path out = tmp.resolve("with-data");
    CliTest.Outcome train =
        hasten(
            "train",
            "KjvBaseline",
            "--data",
            text.toString(),
            "--max-steps",
            "2",
            "--no-progress",
            "--out",
            out.toString());
    assertEquals(0, train.status(), train.errLines().toString());
    assertEquals(2, Summary.read(out).steps());
    // The file is the run's text: evaluating on it gives the run's own last evaluation.
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    CliTest.Outcome evaluate =
        hasten("evaluate", out.toString(), "--data", text.toString(), "--json");
    assertEquals(0, evaluate.status(), evaluate.errLines().toString());
    JsonObject o = JsonParser.parseString(evaluate.out()).getAsJsonObject();
    assertEquals(last.get("test_loss").getAsDouble(), o.get("test_loss").getAsDouble(), 0);
  }

  @Test
  void trainWithABinaryDataFileIsRefusedInOneLineBeforeItsFolderExists() throws IOException {
    Path binary = Files.write(tmp.resolve("labels.gz"), new byte[] {31, -117, 8, 0});
    Path out = tmp.resolve("binary");
    CliTest.Outcome train =
        hasten("train", "KjvBaseline", "--data", binary.toString(), "--out", out.toString());
    assertEquals(2, train.status());
    assertEquals(
        List.of("hasten: --data " + binary + ": a binary file (a NUL byte at offset 3), not text"),
        train.errLines());
    assertFalse(Files.exists(out));
  }

  @Test
  void evaluateGivesTheRunsOwnLastEvaluationForTheRunAndItsModelFolder() throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    assertEquals("eval", last.get("event").getAsString());
    for (Path folder : List.of(run, run.resolve("model"))) {
      CliTest.Outcome evaluate = hasten("evaluate", folder.toString(), "--json");
      assertEquals(0, evaluate.status(), evaluate.errLines().toString());
      JsonObject o = JsonParser.parseString(evaluate.out()).getAsJsonObject();
      // The same weights on the same 256 windows, in the same chunks and the same float32 sums:
      // the very same numbers, not close ones.
      assertEquals(KjvBaseline.EVAL_WINDOWS, o.get("windows").getAsInt());
      assertEquals(KjvBaseline.EVAL_WINDOWS * 128, o.get("predictions").getAsInt());
      assertEquals(last.get("test_loss").getAsDouble(), o.get("test_loss").getAsDouble(), 0);
      assertEquals(last.get("test_acc").getAsDouble(), o.get("test_acc").getAsDouble(), 0);
      assertEquals(
          last.get("bits_per_char").getAsDouble(), o.get("bits_per_char").getAsDouble(), 0);
    }
  }

  @Test
  void doctorProfilesTheTransformersStepsAndSuggestsNoImageMethod() throws IOException {
    Path out = tmp.resolve("doctor");
    CliTest.Outcome doctor =
        hasten("doctor", "KjvBaseline", "--steps", "3", "--warmup", "1", "--out", out.toString());
    assertEquals(0, doctor.status(), doctor.errLines().toString());
    assertTrue(
        doctor
            .out()
            .contains(
                "hasten doctor: KjvBaseline on cpu(), batch 16 windows of 128 tokens; 3 steps"
                    + " profiled after 1 warm-up steps"),
        doctor.out());
    JsonObject json =
        JsonParser.parseString(Files.readString(out.resolve("doctor.json"))).getAsJsonObject();
    assertEquals(128, json.get("sequence_length").getAsInt());
    assertEquals(3, json.get("profiled_steps").getAsInt(), doctor.out());
    assertTrue(json.get("forward_ms_full_batch").getAsDouble() > 0, json.toString());
    // Every built-in suggestion's requirements are met by a language model: none asks for images
    // or a fixed set of examples. (The catalog also lists the sample pipelines' own speedups.)
    for (JsonElement s : json.getAsJsonArray("suggestions")) {
      String name = s.getAsJsonObject().get("speedup").getAsString();
      Class<? extends Annotation> type =
          SpeedupCatalog.BUILT_IN.stream()
              .filter(t -> t.getSimpleName().equals(name))
              .findFirst()
              .orElse(null);
      if (type == null) {
        continue;
      }
      List<Requirement> needs = Arrays.asList(type.getAnnotation(Speedup.class).requires());
      assertFalse(
          needs.contains(Requirement.IMAGES) || needs.contains(Requirement.EXAMPLES),
          name + " needs " + needs);
    }
  }
}
