package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hasten.runtime.checkpoint.CheckpointFile.Contents;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What of a {@link Run} a checkpoint holds, and how it is put back. Array names: {@code
 * model/<parameter path>} (weights and BatchNorm statistics), {@code optimizer/<key>}, {@code
 * state/<speedup>/<key>} for every {@link Stateful} speedup, and {@code loop/loss_sum}. The
 * manifest holds the counters (steps taken, the loss accounting, evaluation results, the training
 * clock, the length of metrics.jsonl, whether the epoch's end is still owed), which parameters have
 * a gradient at all ({@link GradientPresence}), and what the run was ({@link #identity}), so a
 * checkpoint of another run is refused. {@link CheckpointCheck} checks all of it before a run
 * resumes.
 *
 * <p>No random-number state is saved because none is kept: the data order is a function of (seed,
 * epoch), every speedup draw of (seed, step, purpose), and libtorch's generator is reseeded from
 * (seed, step) before each step. Saving counters is therefore enough to resume bit-exactly on the
 * CPU.
 */
final class RunCheckpoint {
  static final String FORMAT = "hasten-run-checkpoint";
  static final String LOSS_SUM = "loop/loss_sum";
  static final String WITH_GRADIENT = "parameters_with_gradient";
  static final String EPOCH_END_PENDING = "epoch_end_pending";
  static final String TRAINED_TOKENS = "trained_tokens";

  private RunCheckpoint() {}

  /**
   * The manifest fields that identify a run; a checkpoint must match all of them. Besides the
   * pipeline's own facts, the data: the size of each split, the steps of an epoch, and a
   * fingerprint of each split's contents ({@link SplitData#fingerprint()}, the same on the resident
   * and the streamed path; for text, the corpus's SHA-256 prefix, the split rule and the window
   * length), and for a language model its sequence length and a tokenizer.json's SHA-256.
   */
  static JsonObject identity(RunSpec spec, SplitData train, SplitData eval) {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("pipeline", spec.pipeline());
    o.addProperty("seed", spec.seed());
    o.addProperty("batch_size", spec.batchSize());
    o.addProperty("epochs", spec.epochs());
    if (train instanceof WindowData && !((WindowData) train).tokens().isBytes()) {
      // Also in the data's fingerprints; said first so that a refusal names it. Byte tokens add
      // nothing, so the checkpoints of byte-token runs stay what they were.
      o.addProperty("tokenizer", ((WindowData) train).tokens().tokenizer().fingerprint());
    }
    o.addProperty("train_examples", train.size());
    o.addProperty("train_data", train.fingerprint());
    o.addProperty("eval_examples", eval == null ? 0 : eval.size());
    o.addProperty("eval_data", eval == null ? "none" : eval.fingerprint());
    o.addProperty(
        "steps_per_epoch", StepPlan.stepsPerEpoch(train.examplesPerEpoch(), spec.batchSize()));
    if (spec.isSequenceTask()) {
      // Also in the data's fingerprints; said apart so a refusal can name it.
      o.addProperty("sequence_length", spec.sequenceLength());
    }
    return o;
  }

  /** Copies everything the run needs to continue into {@code into} (on the CPU). */
  static Contents capture(Run run, RunCounters counters, NDManager into) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : run.model().getParameters()) {
      arrays.put(Contents.MODEL + p.getKey(), copy(p.getValue().getArray(), into));
    }
    run.optimizer()
        .saveState(run.model().getParameters(), into)
        .forEach((k, v) -> arrays.put(Contents.OPTIMIZER + k, copy(v, into)));
    run.keptState()
        .forEach(
            (name, state) ->
                state
                    .saveState(into)
                    .forEach((k, v) -> arrays.put(Contents.STATE + name + "/" + k, copy(v, into))));
    arrays.put(LOSS_SUM, copy(counters.lossSum(), into));
    JsonObject manifest = run.identity().deepCopy();
    manifest.addProperty("step", counters.step());
    manifest.addProperty("total_steps", counters.totalSteps());
    manifest.addProperty(EPOCH_END_PENDING, counters.epochEndPending());
    manifest.addProperty("loss_count", counters.lossCount());
    manifest.addProperty("train_nanos", counters.trainNanos());
    manifest.addProperty("last_lr", counters.lastLr());
    manifest.addProperty("last_test_acc", counters.lastTestAcc());
    manifest.addProperty("best_test_acc", counters.bestTestAcc());
    manifest.addProperty("last_test_loss", counters.lastTestLoss());
    manifest.addProperty("best_test_loss", counters.bestTestLoss());
    manifest.addProperty("last_evaluated_step", counters.lastEvaluatedStep());
    manifest.addProperty("metrics_bytes", counters.metricsBytes());
    manifest.addProperty(TRAINED_TOKENS, counters.trainedTokens());
    JsonArray withGradient = new JsonArray();
    GradientPresence.withGradient(run.model()).forEach(withGradient::add);
    manifest.add(WITH_GRADIENT, withGradient);
    return new Contents(manifest, arrays);
  }

  private static NDArray copy(NDArray array, NDManager into) {
    NDArray copy = array.toDevice(into.getDevice(), true);
    copy.attach(into);
    return copy;
  }

  /**
   * The counters a checkpoint recorded, with its loss sum placed in {@code manager}; only for a
   * checkpoint {@link CheckpointCheck} passed.
   */
  static RunCounters counters(Contents contents, NDManager manager) {
    JsonObject m = contents.manifest();
    NDArray lossSum = contents.arrays().get(LOSS_SUM).toDevice(manager.getDevice(), true);
    lossSum.attach(manager);
    return new RunCounters(
        m.get("step").getAsLong(),
        m.get("total_steps").getAsLong(),
        m.get(EPOCH_END_PENDING).getAsBoolean(),
        m.get("loss_count").getAsInt(),
        lossSum,
        m.get("train_nanos").getAsLong(),
        m.get("last_lr").getAsDouble(),
        doubleOrNaN(m, "last_test_acc"),
        doubleOrNaN(m, "best_test_acc"),
        // Absent from checkpoints written before losses were kept: NaN, as before an evaluation.
        doubleOrNaN(m, "last_test_loss"),
        doubleOrNaN(m, "best_test_loss"),
        m.get("last_evaluated_step").getAsLong(),
        m.get("metrics_bytes").getAsLong(),
        trainedTokens(m));
  }

  /**
   * The tokens a checkpoint's run has trained. A checkpoint written before they were counted gives
   * {@code step · batch · T}, which is exact unless a speedup truncated windows; an image run's, 0.
   */
  static long trainedTokens(JsonObject m) {
    if (m.has(TRAINED_TOKENS)) {
      return m.get(TRAINED_TOKENS).getAsLong();
    }
    if (!m.has("sequence_length")) {
      return 0;
    }
    return m.get("step").getAsLong()
        * m.get("batch_size").getAsLong()
        * m.get("sequence_length").getAsLong();
  }

  static double doubleOrNaN(JsonObject m, String key) {
    return m.get(key) == null || m.get(key).isJsonNull() ? Double.NaN : m.get(key).getAsDouble();
  }

  /**
   * Puts the weights and optimizer state of {@code contents} into the run's model, in place; only
   * for a checkpoint {@link CheckpointCheck} passed, so nothing here can fail half-way.
   */
  static void restoreModelAndOptimizer(Run run, Contents contents) {
    Map<String, NDArray> arrays = contents.arrays();
    for (Pair<String, Parameter> p : run.model().getParameters()) {
      NDArray saved = arrays.get(Contents.MODEL + p.getKey());
      NDArray weights = p.getValue().getArray();
      weights.set(new NDIndex(":"), saved.toDevice(weights.getDevice(), false));
    }
    run.optimizer()
        .loadState(run.model().getParameters(), Contents.withPrefix(arrays, Contents.OPTIMIZER));
    Set<String> names = new HashSet<>();
    for (JsonElement name : contents.manifest().getAsJsonArray(WITH_GRADIENT)) {
      names.add(name.getAsString());
    }
    GradientPresence.define(run.model(), names, run.manager());
  }

  /** The saved state of each {@link Stateful} part, by the name it was kept under. */
  static Map<String, Map<String, NDArray>> keptStates(Contents contents) {
    Map<String, Map<String, NDArray>> states = new LinkedHashMap<>();
    contents
        .arrays()
        .forEach(
            (name, array) -> {
              if (name.startsWith(Contents.STATE)) {
                String rest = name.substring(Contents.STATE.length());
                int slash = rest.indexOf('/');
                states
                    .computeIfAbsent(rest.substring(0, slash), k -> new LinkedHashMap<>())
                    .put(rest.substring(slash + 1), array);
              }
            });
    return states;
  }
}
