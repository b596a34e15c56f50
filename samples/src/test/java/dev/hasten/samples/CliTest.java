package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.cli.HastenCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit status 2 and one line naming the problem for bad input. */
class CliTest {
  @TempDir Path tmp;

  /** Exit status, standard output and standard error of one command. */
  record Outcome(int status, String out, List<String> errLines) {}

  static Outcome hasten(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = HastenCli.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    List<String> errLines =
        err.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.isBlank())
            .collect(Collectors.toList());
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), errLines);
  }

  private static void assertOneLineError(Outcome outcome, String expected) {
    assertEquals(2, outcome.status(), () -> "stderr: " + outcome.errLines());
    assertEquals(
        1, outcome.errLines().size(), () -> "expected one line, got " + outcome.errLines());
    String line = outcome.errLines().get(0);
    assertTrue(line.startsWith("hasten: "), line);
    assertTrue(line.contains(expected), () -> "'" + line + "' should contain '" + expected + "'");
    assertFalse(line.contains("Exception"), line);
  }

  @Test
  void unknownPipelineNamesItAndTheKnownOnes() {
    Outcome outcome = hasten("train", "FashionNope", "--max-steps", "1");
    assertOneLineError(outcome, "unknown pipeline 'FashionNope'");
    assertTrue(outcome.errLines().get(0).contains("FashionBaseline"));
  }

  @Test
  void missingDataFolderIsNamed() {
    Path missing = tmp.resolve("no-such-folder");
    Outcome outcome =
        hasten(
            "train",
            "FashionBaseline",
            "--data",
            missing.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertOneLineError(outcome, missing.toString());
  }

  @Test
  void truncatedIdxFileIsNamed() throws IOException {
    Path data = SubsetData.copyTo(tmp.resolve("data"));
    Path images = data.resolve("train-images-idx3-ubyte.gz");
    try (RandomAccessFile file = new RandomAccessFile(images.toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    Outcome outcome =
        hasten(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            tmp.resolve("o").toString());
    assertOneLineError(outcome, "train-images-idx3-ubyte.gz");
  }

  @Test
  void zeroEpochsIsRefused() {
    assertOneLineError(
        hasten("train", "FashionBaseline", "--epochs", "0"), "--epochs must be at least 1, got 0");
  }

  @Test
  void unknownDeviceIsRefused() {
    assertOneLineError(
        hasten("train", "FashionBaseline", "--device", "tpu"), "--device must be cpu, gpu or auto");
  }

  @Test
  void aBadDataMemoryIsOneLineNamingTheFlagAndTheValue() {
    for (String bad : List.of("0", "-5M", "lots", "4Q", "12.5G", "99999999999T", "")) {
      assertOneLineError(
          hasten("train", "FashionBaseline", "--data-memory", bad),
          "--data-memory must be a size above 0 such as 512M or 4G (K, M, G, T: powers of 1024), got '"
              + bad
              + "'");
    }
  }

  @Test
  void malformedNumberIsAUsageError() {
    assertOneLineError(hasten("train", "FashionBaseline", "--max-steps", "many"), "--max-steps");
  }

  @Test
  void methodsListsEveryBuiltInSpeedupAndTheUserDefinedOne() {
    Outcome outcome = hasten("methods");
    assertEquals(0, outcome.status());
    for (String name :
        List.of(
            "@LabelSmoothing",
            "@ProgressiveResizing",
            "@Ema",
            "@MixUp",
            "@CutMix",
            "@HorizontalFlip",
            "@RandomCrop",
            "@MirrorImages")) {
      assertTrue(outcome.out().contains(name), name + " missing from:\n" + outcome.out());
    }
    assertTrue(outcome.out().contains("input-mixing"));
  }

  @Test
  void trainWritesMetricsAndSummaryAndPrintsTheSummaryLast() throws IOException {
    Path data = SubsetData.copyTo(tmp.resolve("data"));
    Path out = tmp.resolve("run");
    Outcome outcome =
        hasten(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--max-steps",
            "12",
            "--no-progress");
    assertEquals(0, outcome.status(), () -> String.join("\n", outcome.errLines()));
    List<String> stdout = outcome.out().lines().collect(Collectors.toList());
    String summary = Files.readString(out.resolve("summary.json")).trim();
    assertEquals(summary, stdout.get(stdout.size() - 1));
    assertTrue(Files.readAllLines(out.resolve("metrics.jsonl")).size() >= 2);
    // IDX files are resident whatever the budget; nothing was skipped.
    assertTrue(summary.contains("\"data\":\"resident\",\"skipped_images\":0"), summary);
  }

  @Test
  void anEmptyOutFolderIsRefused() {
    assertOneLineError(
        hasten("train", "FashionBaseline", "--out", "", "--max-steps", "1"),
        "'' is empty: name a folder for the run's files");
  }

  @Test
  void theRootAsOutFolderIsRefused() {
    assertOneLineError(
        hasten("train", "FashionBaseline", "--out=/", "--max-steps", "1"),
        "'/' is the root of the file system");
    assertOneLineError(
        hasten("frontier", "--baseline", "FashionBaseline", "--target", "0.9", "--out", "/"),
        "'/' is the root of the file system");
  }

  @Test
  void resumeOfAFolderThatDoesNotExistSaysSoAndCreatesNothing() throws IOException {
    Path data = SubsetData.copyTo(tmp.resolve("data"));
    Path absent = tmp.resolve("absent");
    Outcome outcome =
        hasten(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            absent.toString(),
            "--resume",
            "--max-steps",
            "1");
    assertOneLineError(
        outcome, "--resume: " + absent + " does not exist; there is no run there to continue");
    assertFalse(Files.exists(absent));
  }

  @Test
  void aDataFileThatIsAFolderIsNamedSo() throws IOException {
    Path data = SubsetData.copyTo(tmp.resolve("data"));
    Files.delete(data.resolve("t10k-labels-idx1-ubyte.gz"));
    Files.createDirectory(data.resolve("t10k-labels-idx1-ubyte.gz"));
    assertOneLineError(
        hasten(
            "train",
            "FashionBaseline",
            "--data",
            data.toString(),
            "--out",
            tmp.resolve("o").toString()),
        "t10k-labels-idx1-ubyte.gz is a folder, not a file");
  }
}
