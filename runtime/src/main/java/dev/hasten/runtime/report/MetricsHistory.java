package dev.hasten.runtime.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A run's {@code metrics.jsonl} read back: its training lines and its evaluation lines, in the
 * order written. The plots and the frontier read runs through it, so that one class knows the
 * file's format besides {@link MetricsLog}, which writes it.
 *
 * <p>{@code time_s} is training time: evaluation is off the clock (see {@link MetricsLog}).
 */
public final class MetricsHistory {
  /** A training line: the mean loss of the steps since the previous line. */
  public record TrainingPoint(
      long step, int epoch, double timeSeconds, double trainLoss, double lr) {}

  /** An evaluation line. */
  public record EvalPoint(
      long step, int epoch, double timeSeconds, double testAcc, double testLoss) {}

  private final List<TrainingPoint> training;
  private final List<EvalPoint> evaluations;

  public MetricsHistory(List<TrainingPoint> training, List<EvalPoint> evaluations) {
    this.training = List.copyOf(training);
    this.evaluations = List.copyOf(evaluations);
  }

  /** Reads {@code dir/metrics.jsonl}. A line that is not JSON (a crash mid-write) is skipped. */
  public static MetricsHistory read(Path dir) throws IOException {
    List<TrainingPoint> training = new ArrayList<>();
    List<EvalPoint> evaluations = new ArrayList<>();
    for (String line :
        Files.readAllLines(dir.resolve(MetricsLog.FILE_NAME), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject o;
      try {
        o = JsonParser.parseString(line).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        continue;
      }
      if (o.has("event") && "eval".equals(o.get("event").getAsString())) {
        evaluations.add(
            new EvalPoint(
                o.get("step").getAsLong(),
                o.get("epoch").getAsInt(),
                number(o, "time_s"),
                number(o, "test_acc"),
                number(o, "test_loss")));
      } else if (!o.has("event") && o.has("step")) {
        // A non-finite loss is left out of the line (Json drops nulls): it reads back as NaN.
        training.add(
            new TrainingPoint(
                o.get("step").getAsLong(),
                o.get("epoch").getAsInt(),
                number(o, "time_s"),
                number(o, "train_loss"),
                number(o, "lr")));
      }
    }
    return new MetricsHistory(training, evaluations);
  }

  // metrics.jsonl writes a non-finite number as null or leaves it out (JSON has no NaN).
  private static double number(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }

  public List<TrainingPoint> training() {
    return training;
  }

  public List<EvalPoint> evaluations() {
    return evaluations;
  }

  /**
   * The training time of the first evaluation whose test accuracy reaches {@code target}, or empty
   * if none does. A resumed run's log may repeat an evaluation; the first one counts.
   */
  public OptionalDouble timeToReach(double target) {
    for (EvalPoint e : evaluations) {
      if (e.testAcc() >= target) {
        return OptionalDouble.of(e.timeSeconds());
      }
    }
    return OptionalDouble.empty();
  }
}
