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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language-model baseline trains a few steps of its own recipe, on the King James Bible (or the
 * embedded Genesis where {@code bible-kjv} is not installed), and records the metrics of a language
 * model.
 */
class KjvBaselineTrainTest {
  @TempDir Path tmp;

  @Test
  void trainsAFewStepsAndRecordsBitsPerChar() throws IOException {
    Path out = tmp.resolve("kjv");
    RunOptions options = RunOptions.defaults().withOut(out).withProgressBar(false).withMaxSteps(5);
    RunResult result = Hasten.train(KjvBaseline.class, options);

    assertEquals(5, result.steps());
    assertTrue(result.languageModel());
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    JsonObject eval = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    assertEquals("eval", eval.get("event").getAsString());
    double loss = eval.get("test_loss").getAsDouble();
    // 5 steps from an initialisation that gives every byte about 1/256: the loss is finite and
    // at most ln 256 = 5.545 nats, a little more for noise.
    assertTrue(Double.isFinite(loss) && loss > 0 && loss < Math.log(256) + 0.1, "loss " + loss);
    assertEquals(loss / Math.log(2), eval.get("bits_per_char").getAsDouble(), 1e-12);
    JsonObject summary =
        JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
    assertEquals(loss, summary.get("final_test_loss").getAsDouble(), 0);
    assertEquals(loss / Math.log(2), summary.get("final_bits_per_char").getAsDouble(), 1e-12);
    // No speedup truncates its windows: 5 steps of 16 windows of 128 tokens, 10,240 in all.
    assertEquals(10_240, result.tokensPerSecond() * result.trainSeconds(), 1e-6);
    assertTrue(
        summary.has("tokens_per_second") && !summary.has("images_per_second"), summary.toString());
  }
}
