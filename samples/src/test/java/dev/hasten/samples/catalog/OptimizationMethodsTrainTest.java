package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.samples.SubsetData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimisation and system methods train for real, through the processor's generated loops, on
 * the embedded subset (6,000 training images: 46 steps of 128 an epoch), each changing what it
 * should. The baseline CNN reaches about 60% test accuracy in one such epoch; "learns" means over
 * 50% here, "cannot learn" under 35% (chance is 10%; the baseline reaches about 35% in 10 steps).
 */
class OptimizationMethodsTrainTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  private static RunOptions options(String runName) {
    return RunOptions.defaults()
        .withData(data)
        .withOut(tmp.resolve(runName))
        .withProgressBar(false);
  }

  /** The test loss of the run's last evaluation line. */
  private static double lastTestLoss(String runName) throws IOException {
    List<String> lines = Files.readAllLines(tmp.resolve(runName).resolve("metrics.jsonl"));
    double loss = Double.NaN;
    for (String line : lines) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      if (json.has("event")) {
        loss = json.get("test_loss").getAsDouble();
      }
    }
    return loss;
  }

  @Test
  void clippingToATinyNormStopsLearning() {
    RunResult clipped =
        Hasten.train(CatalogPipelines.ClippedToNothing.class, options("clipped").withMaxSteps(15));
    assertEquals(List.of("GradientClipping"), clipped.speedups());
    assertEquals(15, clipped.steps());
    assertTrue(clipped.finalTestAcc() < 0.35, "accuracy " + clipped.finalTestAcc());
  }

  @Test
  void decoupledDecayOfAQuarterPerStepEmptiesTheWeights() {
    // 15 steps keep 0.75^15 ≈ 1.3% of every weight (less what the gradient adds back).
    RunResult emptied =
        Hasten.train(CatalogPipelines.DecayedToNothing.class, options("emptied").withMaxSteps(15));
    assertEquals(List.of("DecoupledWeightDecay"), emptied.speedups());
    assertTrue(emptied.finalTestAcc() < 0.35, "accuracy " + emptied.finalTestAcc());
  }

  @Test
  void scaleScheduleHalvesTheRun() {
    RunResult r = Hasten.train(CatalogPipelines.HalfLength.class, options("half"));
    // 2 epochs of 5 steps (6,000 / 1,024), at ratio 0.5: 5 steps.
    assertEquals(5, r.steps());
  }

  @Test
  void swaEvaluatesItsAverageWithRecomputedBatchNormAndStillLearns() {
    // The last evaluation sees the average of the second half's weights, with BatchNorm statistics
    // recomputed for it; statistics left reset (mean 0, variance 1) would wreck the accuracy.
    RunResult r = Hasten.train(CatalogPipelines.AveragedToTheEnd.class, options("swa"));
    assertEquals(List.of("Swa"), r.speedups());
    assertTrue(r.finalTestAcc() > 0.5, "accuracy " + r.finalTestAcc());
  }

  @Test
  void samTrainsWithItsSecondPassAndTakesAnotherPathThanThePlainStep() throws IOException {
    RunResult sam =
        Hasten.train(CatalogPipelines.SharpnessAware.class, options("sam").withMaxSteps(10));
    Hasten.train(CatalogPipelines.Plain.class, options("plain").withMaxSteps(10));
    assertEquals(10, sam.steps());
    // Same seed, data and initial weights: only Sam's steps (0, 2, 4, …) differ.
    assertNotEquals(lastTestLoss("plain"), lastTestLoss("sam"));
    assertTrue(Double.isFinite(lastTestLoss("sam")));
  }

  @Test
  void mixedPrecisionOnTheCpuStopsBeforeTheFirstStepWithOneLine() throws IOException {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Hasten.train(CatalogPipelines.HalfPrecision.class, options("fp16")));
    assertTrue(e.getMessage().startsWith("@MixedPrecision needs a GPU"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    Path metrics = tmp.resolve("fp16").resolve("metrics.jsonl");
    assertTrue(!Files.exists(metrics) || Files.readAllLines(metrics).isEmpty());
  }
}
