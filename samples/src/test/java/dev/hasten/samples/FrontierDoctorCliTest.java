package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags of {@code frontier} and {@code doctor}: exit status 2, one line, nothing trained. */
class FrontierDoctorCliTest {
  @TempDir Path tmp;

  private static void assertOneLineError(CliTest.Outcome outcome, String expected) {
    assertEquals(2, outcome.status(), () -> "stderr: " + outcome.errLines());
    assertEquals(
        1, outcome.errLines().size(), () -> "expected one line, got " + outcome.errLines());
    String line = outcome.errLines().get(0);
    assertTrue(line.startsWith("hasten: "), line);
    assertTrue(line.contains(expected), () -> "'" + line + "' should contain '" + expected + "'");
    assertFalse(line.contains("Exception"), line);
  }

  private String out() {
    return tmp.resolve("sweep").toString();
  }

  @Test
  void targetGivenAsAPercentageIsRefusedWithAHint() {
    assertOneLineError(
        CliTest.hasten(
            "frontier",
            "FashionMild",
            "--baseline",
            "FashionBaseline",
            "--target",
            "92",
            "--out",
            out()),
        "--target must be an accuracy in (0, 1], got 92.0 (write 0.92 for 92.0%)");
    assertFalse(Files.exists(tmp.resolve("sweep")), "nothing is trained or written");
  }

  @Test
  void zeroEpochBudgetIsRefused() {
    assertOneLineError(
        CliTest.hasten(
            "frontier",
            "--baseline",
            "FashionBaseline",
            "--budgets",
            "1,0",
            "--target",
            "0.9",
            "--out",
            out()),
        "--budgets must be epochs of at least 1, got 0");
  }

  @Test
  void budgetThatIsNotANumberIsAUsageError() {
    assertOneLineError(
        CliTest.hasten(
            "frontier", "--baseline", "FashionBaseline", "--budgets", "1,two", "--target", "0.9"),
        "--budgets");
  }

  @Test
  void missingBaselineIsAUsageError() {
    assertOneLineError(CliTest.hasten("frontier", "FashionMild", "--target", "0.9"), "--baseline");
  }

  @Test
  void unknownPipelineInASweepIsNamed() {
    assertOneLineError(
        CliTest.hasten(
            "frontier",
            "FashionNope",
            "--baseline",
            "FashionBaseline",
            "--target",
            "0.9",
            "--out",
            out()),
        "unknown pipeline 'FashionNope'");
  }

  @Test
  void doctorRefusesZeroSteps() {
    assertOneLineError(
        CliTest.hasten("doctor", "FashionBaseline", "--steps", "0", "--out", out()),
        "--steps must be at least 1, got 0");
  }

  @Test
  void doctorTakesTheDataMemoryBudgetAsTrainDoesAndRefusesABadOne() {
    assertOneLineError(
        CliTest.hasten("doctor", "FolderBaseline", "--data-memory", "lots", "--out", out()),
        "--data-memory must be a size above 0 such as 512M or 4G");
  }

  @Test
  void doctorRefusesAnUnknownPipeline() {
    assertOneLineError(CliTest.hasten("doctor", "FashionNope"), "unknown pipeline 'FashionNope'");
  }

  @Test
  void aSweepTrainsEachBudgetAndThePipelineAndWritesTableCsvAndPlot() throws java.io.IOException {
    Path data = SubsetData.copyTo(tmp.resolve("data"));
    CliTest.Outcome outcome =
        CliTest.hasten(
            "frontier",
            "FashionLinearSmoothed",
            "--baseline",
            "FashionLinear",
            "--budgets",
            "1,2",
            "--target",
            "0.5",
            "--data",
            data.toString(),
            "--out",
            out());
    assertEquals(0, outcome.status(), () -> String.join("\n", outcome.errLines()));
    Path sweep = tmp.resolve("sweep");
    // Two budgets and the judged pipeline, each in its own folder with its curves.
    for (String run :
        java.util.List.of("FashionLinear-1ep", "FashionLinear-2ep", "FashionLinearSmoothed-3ep")) {
      assertTrue(Files.exists(sweep.resolve("runs").resolve(run).resolve("summary.json")), run);
      assertTrue(Files.exists(sweep.resolve("runs").resolve(run).resolve("curves.png")), run);
    }
    assertEquals(1 + 3, Files.readAllLines(sweep.resolve("frontier.csv")).size());
    assertTrue(Files.exists(sweep.resolve("frontier.png")));
    assertTrue(outcome.out().contains("| FashionLinearSmoothed | 3 |"), outcome.out());
    assertTrue(
        outcome.errLines().stream()
            .anyMatch(l -> l.startsWith("frontier: run 3 of 3, FashionLinearSmoothed at 3 epochs")),
        outcome.errLines().toString());
  }
}
