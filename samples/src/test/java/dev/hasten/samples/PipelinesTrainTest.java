package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample pipelines train for real, on the embedded subset, and write what docs/API.md promises.
 */
class PipelinesTrainTest {
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

  @Test
  void baselineLearnsInOneEpochOfTheSubset() throws IOException {
    RunResult result = Hasten.train(FashionBaseline.class, options("baseline").withEpochs(1));
    // 6,000 images / 128 = 46 full batches. Ten balanced classes: chance is 10%; one epoch of
    // this CNN gets far past it, so anything under 60% means the loop does not learn.
    assertEquals(46, result.steps());
    assertTrue(result.finalTestAcc() > 0.6, "accuracy " + result.finalTestAcc());
    assertMetricsFollowTheContract(tmp.resolve("baseline"));
    assertSummaryFollowsTheContract(tmp.resolve("baseline"));
  }

  @Test
  void sameSeedGivesTheSameRun() {
    RunResult a = Hasten.train(FashionBaseline.class, options("seed-a").withMaxSteps(8));
    RunResult b = Hasten.train(FashionBaseline.class, options("seed-b").withMaxSteps(8));
    assertEquals(a.finalTestAcc(), b.finalTestAcc());
  }

  @Test
  void mildTrainsWithItsSpeedups() {
    RunResult result = Hasten.train(FashionMild.class, options("mild").withMaxSteps(6));
    assertEquals(List.of("LabelSmoothing", "Ema"), result.speedups());
    assertEquals(6, result.steps());
  }

  @Test
  void fastLearnsInOneEpochOfTheSubsetWithItsSpeedups() {
    RunResult result = Hasten.train(FashionFast.class, options("fast").withEpochs(1));
    // As for the baseline: 46 steps, chance is 10%; the compact CNN under its linear schedule
    // (compressed into this one epoch) must get far past it, or the model or its speedups broke.
    // (It gets 56%: the EMA it is evaluated with still remembers the first, high-rate steps.)
    assertEquals(List.of("Ema"), result.speedups());
    assertEquals(46, result.steps());
    assertTrue(result.finalTestAcc() > 0.4, "accuracy " + result.finalTestAcc());
  }

  @Test
  void userDefinedSpeedupRunsInTheGeneratedLoop() {
    RunResult result = Hasten.train(FashionFlip.class, options("flip").withMaxSteps(6));
    assertTrue(result.speedups().contains("MirrorImages"), result.speedups().toString());
  }

  static void assertMetricsFollowTheContract(Path run) throws IOException {
    List<JsonObject> lines =
        Files.readAllLines(run.resolve("metrics.jsonl")).stream()
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .collect(Collectors.toList());
    Set<String> training = Set.of("step", "epoch", "time_s", "train_loss", "lr");
    Set<String> eval = Set.of("event", "epoch", "step", "time_s", "test_acc", "test_loss");
    boolean sawEval = false;
    for (JsonObject line : lines) {
      if (line.has("event")) {
        assertEquals("eval", line.get("event").getAsString());
        assertEquals(eval, line.keySet());
        sawEval = true;
      } else {
        assertEquals(training, line.keySet());
      }
    }
    assertTrue(sawEval, "no evaluation line");
  }

  static void assertSummaryFollowsTheContract(Path run) throws IOException {
    JsonObject summary =
        JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
    assertEquals(
        Set.of(
            "pipeline",
            "speedups",
            "epochs",
            "steps",
            "train_seconds",
            "images_per_second",
            "final_test_acc",
            "best_test_acc",
            "device",
            "data",
            "skipped_images",
            "final_test_loss",
            "best_test_loss"),
        summary.keySet());
    assertEquals("FashionBaseline", summary.get("pipeline").getAsString());
    assertEquals("resident", summary.get("data").getAsString());
    assertEquals(0, summary.get("skipped_images").getAsLong());
  }
}
