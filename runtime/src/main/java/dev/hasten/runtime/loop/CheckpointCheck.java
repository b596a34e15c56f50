package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.hasten.runtime.checkpoint.CheckpointFile.Contents;
import dev.hasten.runtime.checkpoint.CorruptCheckpointException;
import dev.hasten.runtime.checkpoint.ForeignCheckpointException;
import dev.hasten.runtime.optim.ParameterUpdater;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything a checkpoint must satisfy before a run resumes from it, checked before anything on
 * disk or in the model changes: that it is this run's ({@link RunCheckpoint#identity}), that every
 * manifest field is present, of its type and in its range, that its step is the one its file name
 * gives, that its arrays are exactly the model's parameters (same shapes, same data types), state
 * the optimizer could have written, and the loss sum, and that metrics.jsonl holds the lines it
 * says were written, cut at a line's end. A checkpoint that fails is damaged (or of another run):
 * the caller skips it and tries the previous one.
 */
final class CheckpointCheck {
  /** The longest metrics.jsonl line read to check where a checkpoint cuts the log. */
  private static final int MAX_LINE = 1 << 16;

  private final JsonObject identity;
  private final Block model;
  private final ParameterUpdater optimizer;
  private final Path metricsFile;

  CheckpointCheck(JsonObject identity, Block model, ParameterUpdater optimizer, Path metricsFile) {
    this.identity = identity;
    this.model = model;
    this.optimizer = optimizer;
    this.metricsFile = metricsFile;
  }

  Block model() {
    return model;
  }

  /**
   * @param step the step that the file's name gives
   * @throws ForeignCheckpointException if it belongs to another run
   * @throws CorruptCheckpointException if anything else is wrong, naming the file and what
   */
  void check(String file, long step, Contents contents) {
    JsonObject m = contents.manifest();
    for (String key : identity.keySet()) {
      if (!identity.get(key).equals(m.get(key))) {
        throw new ForeignCheckpointException(
            file
                + " belongs to another run: its "
                + key
                + " is "
                + m.get(key)
                + ", this run's is "
                + identity.get(key));
      }
    }
    long saved = integer(file, m, "step", 0, Long.MAX_VALUE);
    if (saved != step) {
      throw damaged(file, "its manifest says step " + saved + " but its name says step " + step);
    }
    long stepsPerEpoch = identity.get("steps_per_epoch").getAsLong();
    long totalSteps = integer(file, m, "total_steps", Math.max(1, step), Long.MAX_VALUE);
    if (totalSteps / stepsPerEpoch >= Integer.MAX_VALUE) {
      throw damaged(
          file, "its total_steps " + totalSteps + " make more epochs than a run can have");
    }
    bool(file, m, RunCheckpoint.EPOCH_END_PENDING);
    integer(
        file, m, "loss_count", 0, Math.min(step, Math.min(stepsPerEpoch, TrainingLoss.LOG_EVERY)));
    integer(file, m, "train_nanos", 0, Long.MAX_VALUE);
    if (m.has(RunCheckpoint.TRAINED_TOKENS)) {
      integer(file, m, RunCheckpoint.TRAINED_TOKENS, 0, Long.MAX_VALUE);
    }
    double lr = number(file, m, "last_lr");
    if (!Double.isFinite(lr)) {
      throw damaged(file, "its last_lr is " + lr);
    }
    accuracy(file, m, "last_test_acc");
    accuracy(file, m, "best_test_acc");
    integer(file, m, "last_evaluated_step", -1, step);
    long metricsBytes = integer(file, m, "metrics_bytes", 0, Long.MAX_VALUE);
    Set<String> withGradient = withGradient(file, m);
    checkArrays(file, contents.arrays(), withGradient);
    checkMetrics(file, step, metricsBytes, m.get(RunCheckpoint.EPOCH_END_PENDING).getAsBoolean());
  }

  private static CorruptCheckpointException damaged(String file, String what) {
    return new CorruptCheckpointException(file + " is damaged: " + what);
  }

  private static JsonPrimitive primitive(String file, JsonObject m, String key) {
    JsonElement e = m.get(key);
    if (e == null || !e.isJsonPrimitive()) {
      throw damaged(file, "its manifest has no " + key);
    }
    return e.getAsJsonPrimitive();
  }

  private static long integer(String file, JsonObject m, String key, long min, long max) {
    JsonPrimitive p = primitive(file, m, key);
    long value;
    try {
      value = p.getAsBigDecimal().longValueExact();
    } catch (RuntimeException e) {
      throw damaged(file, "its " + key + " is not a whole number: " + p);
    }
    if (value < min || value > max) {
      throw damaged(file, "its " + key + " is " + value + ", outside " + min + " to " + max);
    }
    return value;
  }

  private static double number(String file, JsonObject m, String key) {
    JsonPrimitive p = primitive(file, m, key);
    try {
      return p.getAsDouble(); // a number, or NaN as the manifest writes it
    } catch (RuntimeException e) {
      throw damaged(file, "its " + key + " is not a number: " + p);
    }
  }

  private static void accuracy(String file, JsonObject m, String key) {
    if (m.get(key) == null || m.get(key).isJsonNull()) {
      return;
    }
    double value = number(file, m, key);
    if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
      throw damaged(file, "its " + key + " is " + value);
    }
  }

  private static void bool(String file, JsonObject m, String key) {
    JsonPrimitive p = primitive(file, m, key);
    if (!p.isBoolean()) {
      throw damaged(file, "its " + key + " is not true or false: " + p);
    }
  }

  private Set<String> withGradient(String file, JsonObject m) {
    JsonElement e = m.get(RunCheckpoint.WITH_GRADIENT);
    if (e == null || !e.isJsonArray()) {
      throw damaged(file, "its manifest has no " + RunCheckpoint.WITH_GRADIENT);
    }
    Set<String> names = new HashSet<>();
    ParameterList parameters = model.getParameters();
    for (JsonElement name : (JsonArray) e) {
      if (!name.isJsonPrimitive() || !parameters.contains(name.getAsString())) {
        throw damaged(
            file,
            "its "
                + RunCheckpoint.WITH_GRADIENT
                + " names "
                + name
                + ", which is no parameter of the model");
      }
      names.add(name.getAsString());
    }
    return names;
  }

  private void checkArrays(String file, Map<String, NDArray> arrays, Set<String> withGradient) {
    ParameterList parameters = model.getParameters();
    int modelArrays = 0;
    for (String name : arrays.keySet()) {
      if (name.startsWith(Contents.MODEL)) {
        if (!parameters.contains(name.substring(Contents.MODEL.length()))) {
          throw new CorruptCheckpointException(
              file
                  + " does not fit the model: it holds "
                  + name
                  + ", which the model does not have");
        }
        modelArrays++;
      } else if (name.startsWith(Contents.STATE)) {
        String rest = name.substring(Contents.STATE.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
          throw damaged(file, "it holds an array named " + name);
        }
      } else if (!name.startsWith(Contents.OPTIMIZER) && !name.equals(RunCheckpoint.LOSS_SUM)) {
        throw damaged(file, "it holds an array named " + name);
      }
    }
    for (Pair<String, Parameter> p : parameters) {
      NDArray saved = arrays.get(Contents.MODEL + p.getKey());
      NDArray weights = p.getValue().getArray();
      if (saved == null) {
        throw new CorruptCheckpointException(
            file + " does not fit the model: parameter " + p.getKey() + " is missing");
      }
      if (!saved.getShape().equals(weights.getShape())
          || saved.getDataType() != weights.getDataType()) {
        throw new CorruptCheckpointException(
            file
                + " does not fit the model: parameter "
                + p.getKey()
                + " is "
                + saved.getDataType()
                + " "
                + saved.getShape()
                + ", the model's is "
                + weights.getDataType()
                + " "
                + weights.getShape());
      }
    }
    NDArray lossSum = arrays.get(RunCheckpoint.LOSS_SUM);
    if (lossSum == null
        || lossSum.getDataType() != DataType.FLOAT32
        || lossSum.getShape().dimension() != 0
        || !Float.isFinite(lossSum.getFloat())) {
      throw damaged(
          file, "its " + RunCheckpoint.LOSS_SUM + " is missing or not a finite float32 scalar");
    }
    Set<String> withState;
    try {
      withState = optimizer.checkState(parameters, Contents.withPrefix(arrays, Contents.OPTIMIZER));
    } catch (IllegalArgumentException e) {
      throw damaged(file, e.getMessage());
    }
    // An update leaves state for every parameter it reaches, and it reaches every trainable one
    // with a gradient: so either no update has run yet, or they all have state.
    Set<String> updatable = new HashSet<>();
    for (String name : withGradient) {
      if (parameters.get(name).requiresGradient()) {
        updatable.add(name);
      }
    }
    for (String name : withState) {
      if (!withGradient.contains(name)) {
        throw damaged(file, "it holds optimizer state for " + name + ", which has no gradient");
      }
    }
    if (!withState.isEmpty() && !withState.containsAll(updatable)) {
      Set<String> missing = new HashSet<>(updatable);
      missing.removeAll(withState);
      throw damaged(file, "it holds no optimizer state for " + missing.iterator().next());
    }
  }

  /**
   * The log must reach {@code metricsBytes}, be cut there at a line's end, the line before must be
   * of a step at or before the checkpoint's, and the line after (written by the run after the
   * checkpoint) of a later step, or the same step's evaluation when the epoch's end was pending.
   */
  private void checkMetrics(String file, long step, long metricsBytes, boolean epochEndPending) {
    try {
      long size = Files.exists(metricsFile) ? Files.size(metricsFile) : 0;
      if (metricsBytes > size) {
        throw damaged(
            file, "it counts " + metricsBytes + " bytes of metrics.jsonl, which holds " + size);
      }
      if (metricsBytes == 0 && size == 0) {
        return;
      }
      try (FileChannel log = FileChannel.open(metricsFile, StandardOpenOption.READ)) {
        if (metricsBytes > 0) {
          JsonObject before = lineEndingAt(file, log, metricsBytes);
          long beforeStep = lineStep(file, before);
          if (beforeStep > step) {
            throw damaged(
                file,
                "metrics.jsonl holds step "
                    + beforeStep
                    + " before its cut at byte "
                    + metricsBytes
                    + ", after the checkpoint's step "
                    + step);
          }
        }
        if (metricsBytes < size) {
          JsonObject after = lineStartingAt(file, log, metricsBytes, size);
          long afterStep = lineStep(file, after);
          boolean pendingEval = epochEndPending && afterStep == step && after.has("event");
          if (afterStep <= step && !pendingEval) {
            throw damaged(
                file,
                "metrics.jsonl holds step "
                    + afterStep
                    + " after its cut at byte "
                    + metricsBytes
                    + ", a step the checkpoint has already taken");
          }
        }
      }
    } catch (IOException e) {
      throw damaged(file, "metrics.jsonl cannot be read to check it: " + e.getMessage());
    }
  }

  private static JsonObject lineEndingAt(String file, FileChannel log, long end)
      throws IOException {
    long from = Math.max(0, end - MAX_LINE);
    ByteBuffer bytes = ByteBuffer.allocate((int) (end - from));
    readFully(log, bytes, from);
    byte[] a = bytes.array();
    if (a[a.length - 1] != '\n') {
      throw damaged(file, "it cuts metrics.jsonl at byte " + end + ", inside a line");
    }
    int start = a.length - 2;
    while (start >= 0 && a[start] != '\n') {
      start--;
    }
    if (start < 0 && from > 0) {
      throw damaged(file, "metrics.jsonl has a line longer than " + MAX_LINE + " bytes");
    }
    return parse(file, new String(a, start + 1, a.length - 2 - start, StandardCharsets.UTF_8));
  }

  private static JsonObject lineStartingAt(String file, FileChannel log, long start, long size)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(MAX_LINE, size - start));
    readFully(log, bytes, start);
    byte[] a = bytes.array();
    int end = 0;
    while (end < a.length && a[end] != '\n') {
      end++;
    }
    return parse(file, new String(a, 0, end, StandardCharsets.UTF_8));
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position)
      throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into, position + into.position()) < 0) {
        throw new IOException("metrics.jsonl ended early");
      }
    }
  }

  private static JsonObject parse(String file, String line) {
    try {
      JsonElement e = JsonParser.parseString(line);
      if (e.isJsonObject()) {
        return e.getAsJsonObject();
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw damaged(file, "it cuts metrics.jsonl next to a line that is not a metrics line");
  }

  private static long lineStep(String file, JsonObject line) {
    JsonElement step = line.get("step");
    if (step == null || !step.isJsonPrimitive() || !step.getAsJsonPrimitive().isNumber()) {
      throw damaged(file, "it cuts metrics.jsonl next to a line without a step");
    }
    return step.getAsLong();
  }
}
