package dev.hasten.samples;

import static dev.hasten.samples.CliTest.hasten;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.data.FashionMnist;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.samples.CliTest.Outcome;
import dev.hasten.samples.catalog.SmallSubset;
import dev.hasten.samples.export.TestPngs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hasten predict}, {@code evaluate} and {@code export} on short runs of FashionBaseline and
 * FashionMild (EMA), and every bad input the commands refuse with one line and exit status 2.
 */
class ExportCliTest {
  static final int EXAMPLES = 600;

  @TempDir static Path tmp;
  static Path data;
  static Path baseline;
  static RunResult baselineResult;
  static Path mild;
  static List<Path> pngs;

  @BeforeAll
  static void trainAndCutImages() throws IOException {
    data = SmallSubset.copyTo(tmp.resolve("data"), EXAMPLES);
    baseline = tmp.resolve("baseline");
    baselineResult =
        Hasten.train(
            FashionBaseline.class,
            RunOptions.defaults()
                .withData(data)
                .withOut(baseline)
                .withMaxSteps(4)
                .withCheckpointEvery(2)
                .withProgressBar(false));
    mild = tmp.resolve("mild");
    Hasten.train(
        FashionMild.class,
        RunOptions.defaults().withData(data).withOut(mild).withMaxSteps(2).withProgressBar(false));
    pngs = TestPngs.cut(data, 5, tmp);
  }

  @Test
  void predictGivesTheProbabilitiesOfTheEvaluatedLogits() throws IOException {
    List<String> args =
        new ArrayList<>(List.of("predict", baseline.toString(), "--json", "--top", "10"));
    pngs.forEach(p -> args.add(p.toString()));
    Outcome outcome = hasten(args.toArray(new String[0]));
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    List<String> lines = outcome.out().lines().toList();
    assertEquals(pngs.size(), lines.size());
    assertTrue(outcome.errLines().get(outcome.errLines().size() - 1).contains("images/s"));
    float[] logits;
    try (Model model = HastenModel.load(baseline);
        NDManager manager = NDManager.newBaseManager()) {
      logits =
          Evaluation.of(
                  model, EvaluationData.idx(data).split(HastenModel.description(model), manager))
              .logits();
    }
    for (int i = 0; i < pngs.size(); i++) {
      JsonObject line = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      assertEquals(pngs.get(i).toString(), line.get("image").getAsString());
      double[] softmax = softmax(logits, i * 10, 10);
      JsonArray top = line.getAsJsonArray("top");
      assertEquals(10, top.size());
      for (int k = 0; k < 10; k++) {
        JsonObject entry = top.get(k).getAsJsonObject();
        int c = FashionMnist.CLASS_NAMES.indexOf(entry.get("class").getAsString());
        assertEquals(softmax[c], entry.get("probability").getAsDouble(), 1e-6, "image " + i);
      }
    }
  }

  @Test
  void predictTextIsOneLinePerImageWithTopK() {
    Outcome outcome =
        hasten(
            "predict",
            baseline.resolve("model").toString(),
            pngs.get(0).toString(),
            pngs.get(1).toString(),
            "--top",
            "2");
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    List<String> lines = outcome.out().lines().toList();
    assertEquals(2, lines.size());
    assertTrue(
        lines.get(0).matches(".*test-0\\.png:  \\S.* \\d+\\.\\d%  \\S.* \\d+\\.\\d%"),
        lines.get(0));
  }

  @Test
  void imagesOfAnotherSizeAndColourAreConvertedAndSaidOnce() throws IOException {
    List<String> args = new ArrayList<>(List.of("predict", baseline.toString()));
    for (int i = 0; i < 2; i++) {
      BufferedImage rgb = new BufferedImage(56, 40, BufferedImage.TYPE_INT_RGB);
      rgb.setRGB(10, 10, 0xff8040);
      Path file = tmp.resolve("rgb-" + i + ".png");
      ImageIO.write(rgb, "png", file.toFile());
      args.add(file.toString());
    }
    Outcome outcome = hasten(args.toArray(new String[0]));
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    assertEquals(2, outcome.out().lines().count());
    long notes =
        outcome.errLines().stream()
            .filter(l -> l.contains("converted to the model's 28x28 grey"))
            .count();
    assertEquals(1, notes, outcome.errLines().toString());
    assertTrue(outcome.errLines().get(0).contains("56x40 RGB"), outcome.errLines().get(0));
  }

  @Test
  void evaluateReportsTheRunsFinalAccuracyAndWritesThePng() {
    Outcome outcome = hasten("evaluate", baseline.toString(), "--data", data.toString());
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    assertTrue(
        outcome.out().startsWith("accuracy " + baselineResult.finalTestAcc() + " ("),
        outcome.out());
    assertTrue(outcome.out().contains("9 Ankle boot"), outcome.out());
    assertTrue(Files.isRegularFile(baseline.resolve("confusion-matrix.png")));
    Outcome json =
        hasten(
            "evaluate",
            baseline.toString(),
            "--data",
            data.toString(),
            "--json",
            "--png",
            tmp.resolve("c.png").toString());
    JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
    assertEquals(baselineResult.finalTestAcc(), o.get("test_acc").getAsDouble(), 0.0);
    long total = 0;
    for (var row : o.getAsJsonArray("confusion")) {
      for (var cell : row.getAsJsonArray()) {
        total += cell.getAsLong();
      }
    }
    assertEquals(EXAMPLES, total);
  }

  @Test
  void exportFromTheLastCheckpointWritesTheRunsOwnModel() throws IOException {
    for (Path run : List.of(baseline, mild)) {
      Path copy = copyRun(run, tmp.resolve("re-" + run.getFileName()));
      Outcome outcome = hasten("export", copy.toString(), "--data", data.toString());
      assertEquals(0, outcome.status(), outcome.errLines().toString());
      assertArrayEquals(
          Files.readAllBytes(run.resolve("model/model-0000.params")),
          Files.readAllBytes(copy.resolve("model/model-0000.params")),
          run + ": the export from the checkpoint differs from the run's own");
    }
  }

  @Test
  void exportFromAnEarlierCheckpointHasItsStep() throws IOException {
    Path elsewhere = tmp.resolve("earlier-model");
    Outcome outcome =
        hasten(
            "export",
            baseline.toString(),
            "--checkpoint",
            "step-000000002.ckpt",
            "--data",
            data.toString(),
            "--out",
            elsewhere.toString());
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    assertEquals(2, HastenModel.describe(elsewhere).step());
    assertEquals(4, HastenModel.describe(baseline).step(), "the run's own model/ is untouched");
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(baseline.resolve("model/model-0000.params")),
            Files.readAllBytes(elsewhere.resolve("model-0000.params"))));
  }

  @Test
  void missingCheckpointIsNamed() {
    assertOneLineError(
        hasten("export", baseline.toString(), "--checkpoint", "step-7.ckpt"), "step-7.ckpt");
  }

  @Test
  void missingModelFolderIsNamed() {
    assertOneLineError(
        hasten("predict", tmp.resolve("nothing").toString(), pngs.get(0).toString()),
        "no exported model in");
    assertOneLineError(hasten("evaluate", data.toString()), "no exported model in");
  }

  @Test
  void tamperedParametersAreRefused() throws IOException {
    Path copy = copyRun(baseline.resolve("model"), tmp.resolve("tampered"));
    Path params = copy.resolve("model-0000.params");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length / 2] ^= 1;
    Files.write(params, bytes);
    assertOneLineError(
        hasten("predict", copy.toString(), pngs.get(0).toString()),
        "model-0000.params does not match its checksum");
  }

  @Test
  void aDescriptionThatDoesNotMatchTheParametersIsRefused() throws Exception {
    Path copy = copyRun(baseline.resolve("model"), tmp.resolve("mismatch"));
    rewriteDescription(copy, "\"catalog\": \"baselineCnn\"", "\"catalog\": \"compactCnn\"");
    assertOneLineError(
        hasten("evaluate", copy.toString(), "--data", data.toString()),
        "the parameters do not fit the model its description builds");
  }

  @Test
  void aCatalogModelLoadsWithoutItsPipelineClass() throws Exception {
    Path copy = copyRun(baseline.resolve("model"), tmp.resolve("catalog"));
    rewriteDescription(copy, "dev.hasten.samples.FashionBaseline", "com.example.Gone");
    Outcome outcome = hasten("evaluate", copy.toString(), "--data", data.toString(), "--json");
    assertEquals(0, outcome.status(), outcome.errLines().toString());
    assertEquals(
        baselineResult.finalTestAcc(),
        JsonParser.parseString(outcome.out()).getAsJsonObject().get("test_acc").getAsDouble(),
        0.0);
  }

  @Test
  void anOwnBlockWithoutItsPipelineClassSaysSo() throws Exception {
    Path copy = copyRun(baseline.resolve("model"), tmp.resolve("own"));
    rewriteDescription(copy, "\"catalog\": \"baselineCnn\"", "\"pipeline_method\": \"@Model\"");
    rewriteDescription(copy, "dev.hasten.samples.FashionBaseline", "com.example.Missing");
    assertOneLineError(
        hasten("predict", copy.toString(), pngs.get(0).toString()),
        "com.example.Missing's own @Model method, and that class is not on the class path");
  }

  @Test
  void aFileThatIsNotAnImageIsNamed() throws IOException {
    Path text = tmp.resolve("notes.png");
    Files.writeString(text, "not an image");
    assertOneLineError(
        hasten("predict", baseline.toString(), text.toString()), "notes.png is not an image");
  }

  private static void assertOneLineError(Outcome outcome, String expected) {
    assertEquals(2, outcome.status(), () -> "stderr: " + outcome.errLines());
    List<String> lines =
        outcome.errLines().stream().filter(l -> !l.startsWith("Fashion-MNIST not found")).toList();
    assertEquals(1, lines.size(), () -> "expected one line, got " + lines);
    assertTrue(lines.get(0).startsWith("hasten: "), lines.get(0));
    assertTrue(
        lines.get(0).contains(expected),
        () -> "'" + lines.get(0) + "' should contain '" + expected + "'");
  }

  /** Edits the description and writes checksums that match it, as a careless hand would. */
  private static void rewriteDescription(Path dir, String from, String to) throws Exception {
    Path description = dir.resolve("hasten-model.json");
    String json = Files.readString(description);
    assertTrue(json.contains(from), json);
    Files.writeString(description, json.replace(from, to));
    StringBuilder sums = new StringBuilder();
    for (String file : List.of("hasten-model.json", "model-0000.params", "synset.txt")) {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(file)));
      sums.append(HexFormat.of().formatHex(digest)).append("  ").append(file).append('\n');
    }
    Files.writeString(dir.resolve("SHA256SUMS"), sums.toString(), StandardCharsets.UTF_8);
  }

  private static Path copyRun(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static double[] softmax(float[] logits, int from, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[from + i]);
    }
    double sum = 0;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.exp(logits[from + i] - max);
      sum += out[i];
    }
    for (int i = 0; i < n; i++) {
      out[i] /= sum;
    }
    return out;
  }
}
