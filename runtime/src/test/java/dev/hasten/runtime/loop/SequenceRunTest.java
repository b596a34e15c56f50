package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A language model trained end to end through {@link Run}: the toy GPT on the embedded Book of
 * Genesis ({@link TextRuns}), 2 epochs of 4 steps, evaluated on 8 validation windows.
 */
class SequenceRunTest {
  @TempDir Path tmp;

  @Test
  void trainsAndRecordsNatsAccuracyAndBitsPerChar() throws IOException {
    Path out = tmp.resolve("run");
    RunResult result;
    try (NDManager manager = NDManager.newBaseManager()) {
      RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false);
      try (Run run = TextRuns.open(manager, options, TextRuns.spec(2), 8)) {
        // 4·T·B tokens an epoch: 4 steps of B windows of T tokens.
        assertEquals(4, run.stepsPerEpoch());
        result = TextRuns.fit(run);
      }
    }
    assertEquals(8, result.steps());
    List<JsonObject> evals = lines(out, true);
    assertEquals(2, evals.size());
    for (JsonObject e : evals) {
      double loss = e.get("test_loss").getAsDouble();
      double acc = e.get("test_acc").getAsDouble();
      // An untrained GPT (weights of std 0.02) gives every byte about the same probability, so
      // its loss is near ln 256 = 5.545 nats; 8 steps of AdamW at 1e-3 lower it, not below 2.
      assertTrue(loss > 2 && loss < Math.log(256) + 0.2, "loss " + loss);
      assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
      assertEquals(loss / Math.log(2), e.get("bits_per_char").getAsDouble(), 1e-12);
    }
    // The first logged training loss is the mean of the first epoch's 4 steps: the first near
    // ln 256, the others lower, none as low as the final evaluation's.
    double firstTrain = lines(out, false).get(0).get("train_loss").getAsDouble();
    assertTrue(firstTrain < Math.log(256) && firstTrain > 4, "first train loss " + firstTrain);
    RunResult summary = Summary.read(out);
    assertTrue(summary.languageModel());
    double last = evals.get(1).get("test_loss").getAsDouble();
    assertEquals(last, summary.finalTestLoss(), 1e-12);
    assertEquals(last / Math.log(2), summary.finalBitsPerChar(), 1e-12);
    assertEquals(
        Math.min(last, evals.get(0).get("test_loss").getAsDouble()), summary.bestTestLoss(), 0);
  }

  /**
   * The throughput of a language model counts the tokens it trained on. One epoch of 4 steps of 4
   * windows of T = 16, step i cut to its first 4·(i + 1) positions as a sequence-length warm-up
   * cuts them: 4 · (4 + 8 + 12 + 16) = 160 tokens, not the 4 · 4 · 16 = 256 its windows hold. The
   * summary gives them as tokens_per_second, and no images_per_second.
   */
  @Test
  void throughputIsTheTokensTrainedPerSecond() throws IOException {
    Path out = tmp.resolve("truncated");
    RunResult result;
    try (NDManager manager = NDManager.newBaseManager()) {
      RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false);
      try (Run run = TextRuns.open(manager, options, TextRuns.spec(1), 0)) {
        for (int epoch : run.epochs()) {
          for (Step step : run.steps(epoch)) {
            step.truncateSequences(4L * (step.index() + 1));
            PlainStep.train(run, step);
            run.endStep(step);
          }
          run.evaluate(epoch);
          run.endEpoch(epoch);
        }
        result = run.finish();
      }
    }
    assertEquals(4, result.steps());
    assertEquals(160, result.tokensPerSecond() * result.trainSeconds(), 1e-6);
    assertTrue(Double.isNaN(result.imagesPerSecond()));
    JsonObject summary =
        JsonParser.parseString(Files.readString(out.resolve(Summary.FILE_NAME))).getAsJsonObject();
    assertFalse(summary.has("images_per_second"), summary.toString());
    assertEquals(
        Math.round(result.tokensPerSecond() * 10.0) / 10.0,
        summary.get("tokens_per_second").getAsDouble(),
        0);
  }

  /** The eval lines ({@code eval}) or the training lines of a run's metrics.jsonl. */
  static List<JsonObject> lines(Path out, boolean eval) throws IOException {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(MetricsLog.FILE_NAME))) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      if (o.has("event") == eval) {
        lines.add(o);
      }
    }
    return lines;
  }
}
