package dev.hasten.runtime.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hasten.runtime.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: the run's result on one line, written atomically. */
public final class Summary {
  public static final String FILE_NAME = "summary.json";

  private Summary() {}

  /**
   * The summary as one JSON line, keys as docs/API.md fixes them: the throughput of an image model
   * as {@code images_per_second}, of a language model as {@code tokens_per_second}.
   */
  public static String toJson(RunResult result) {
    Map<String, Object> o = Json.object();
    o.put("pipeline", result.pipeline());
    o.put("speedups", result.speedups());
    o.put("epochs", result.epochs());
    o.put("steps", result.steps());
    o.put("train_seconds", Math.round(result.trainSeconds() * 1000.0) / 1000.0);
    if (result.languageModel()) {
      o.put("tokens_per_second", Math.round(result.tokensPerSecond() * 10.0) / 10.0);
    } else {
      o.put("images_per_second", Math.round(result.imagesPerSecond() * 10.0) / 10.0);
    }
    o.put("final_test_acc", result.finalTestAcc());
    o.put("best_test_acc", result.bestTestAcc());
    o.put("device", result.device());
    o.put("data", result.data());
    o.put("skipped_images", result.skippedImages());
    o.put("final_test_loss", result.finalTestLoss());
    o.put("best_test_loss", result.bestTestLoss());
    if (result.languageModel()) {
      o.put("final_bits_per_char", result.finalBitsPerChar());
      o.put("best_bits_per_char", result.bestBitsPerChar());
    }
    return Json.line(o);
  }

  /**
   * Reads back {@code dir/summary.json} as {@link #write} wrote it (null numbers, written for NaN,
   * come back as NaN); {@code outDir} is {@code dir}.
   */
  public static RunResult read(Path dir) throws IOException {
    JsonObject o;
    try {
      o =
          JsonParser.parseString(Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8))
              .getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(dir.resolve(FILE_NAME) + " is not a summary: " + e.getMessage(), e);
    }
    List<String> speedups = new ArrayList<>();
    o.getAsJsonArray("speedups").forEach(e -> speedups.add(e.getAsString()));
    return new RunResult(
        o.get("pipeline").getAsString(),
        speedups,
        o.get("epochs").getAsInt(),
        o.get("steps").getAsLong(),
        number(o, "train_seconds"),
        number(o, "images_per_second"),
        number(o, "final_test_acc"),
        number(o, "best_test_acc"),
        o.get("device").getAsString(),
        dir,
        // Summaries written before the streamed path have neither field: they were resident.
        o.has("data") ? o.get("data").getAsString() : "resident",
        o.has("skipped_images") ? o.get("skipped_images").getAsLong() : 0,
        number(o, "final_test_loss"),
        number(o, "best_test_loss"),
        o.has("final_bits_per_char"),
        // A language model's summary before tokens were counted gave its windows per second as
        // images_per_second, which reads back as it was written.
        number(o, "tokens_per_second"),
        tokensPerCharacter(o));
  }

  /**
   * The tokens per character a language model's bits per character were counted with, from the
   * final loss and bits per character written ({@code bits = nats · tokens/characters / ln 2}); 1
   * when the summary has no loss to divide by.
   */
  private static double tokensPerCharacter(JsonObject o) {
    double nats = number(o, "final_test_loss");
    double bits = number(o, "final_bits_per_char");
    return Double.isNaN(bits) || Double.isNaN(nats) || nats == 0 ? 1 : bits * Math.log(2) / nats;
  }

  private static double number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }

  /**
   * Writes {@code dir/summary.json} through a temporary file and a rename; if that fails (a full
   * disk), the temporary file is removed again and no summary.json is half written.
   */
  public static void write(Path dir, RunResult result) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, toJson(result) + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmp,
          dir.resolve(FILE_NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }
}
