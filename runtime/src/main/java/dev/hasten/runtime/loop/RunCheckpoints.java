package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.report.MetricsLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Run}'s checkpoints: where and how often they are written, which was written last, the
 * {@link Stateful} parts they keep, and what a resume still has to finish once the loop has set
 * itself up (speedup state to load, the run's length to compare, metrics.jsonl to cut back). {@link
 * Run} decides when a checkpoint is due and what it holds ({@link RunCheckpoint}).
 */
final class RunCheckpoints {
  private final Checkpoints folder;
  private final long every;
  private final JsonObject identity;
  private final Map<String, Stateful> kept = new LinkedHashMap<>();

  private long lastStep = -1;

  /** Whether the last checkpoint written still owed its epoch's end. */
  private boolean lastPending;

  /** Set by a resume, until {@link #completeResume} has checked and applied it. */
  private String resumedFrom;

  private long resumedTotalSteps = -1;
  private Map<String, Map<String, NDArray>> pendingStates = Map.of();

  /** The length metrics.jsonl is cut back to when the resume completes; -1: left as it is. */
  private long metricsCut = -1;

  /**
   * @param folder where checkpoints go; null for none
   * @param every also write one every this many steps; 0 for end-of-epoch checkpoints only
   * @param identity what identifies the run ({@link RunCheckpoint#identity})
   */
  RunCheckpoints(Checkpoints folder, long every, JsonObject identity) {
    this.folder = folder;
    this.every = every;
    this.identity = identity;
  }

  /** Keeps state but writes no checkpoints. */
  static RunCheckpoints none() {
    return new RunCheckpoints(null, 0, new JsonObject());
  }

  JsonObject identity() {
    return identity;
  }

  /** Whether {@code step} is one of the every-N-steps checkpoints. */
  boolean dueEvery(long step) {
    return every > 0 && step % every == 0;
  }

  /** Whether there is nothing to write: no folder, or this very state already written. */
  boolean upToDate(long step, boolean epochEndPending) {
    return folder == null || (lastStep == step && lastPending == epochEndPending);
  }

  void write(long step, boolean epochEndPending, CheckpointFile.Contents contents) {
    try {
      folder.save(step, contents);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot write a checkpoint in "
              + folder.folder()
              + ": "
              + e.getMessage()
              + (folder.list().isEmpty()
                  ? "; there is no earlier checkpoint of this run"
                  : "; the previous checkpoints there are intact"),
          e);
    }
    lastStep = step;
    lastPending = epochEndPending;
  }

  /** Registers {@code state}, loading what a resumed checkpoint saved of it. */
  void keep(String name, Stateful state, Block model) {
    if (kept.putIfAbsent(name, state) != null) {
      throw new IllegalArgumentException("state '" + name + "' is registered twice");
    }
    Map<String, NDArray> saved = pendingStates.get(name);
    if (saved != null) {
      try {
        state.loadState(model, saved);
      } catch (InvalidInputException e) {
        throw e;
      } catch (RuntimeException e) {
        // A part that checks its state less carefully than Stateful asks: still one line, and
        // nothing on disk has changed yet (see completeResume).
        throw new InvalidInputException(
            "--resume: " + resumedFrom + " holds a state of '" + name + "' that does not fit: " + e,
            e);
      }
    }
  }

  Map<String, Stateful> kept() {
    return kept;
  }

  /** Records a resume from {@code file} (already checked), to be completed by the loop. */
  void resumed(String file, RunCounters counters, Map<String, Map<String, NDArray>> states) {
    resumedFrom = file;
    resumedTotalSteps = counters.totalSteps();
    pendingStates = states;
    metricsCut = counters.metricsBytes();
    lastStep = counters.step();
    lastPending = counters.epochEndPending();
  }

  /** A run that starts again from step 0 in a folder whose log it writes anew. */
  void restartFromStepZero() {
    metricsCut = 0;
  }

  /**
   * The last moment a resume can still be refused without loss: every part of the run has loaded
   * its state and the run's length ({@code totalSteps}) is final. Checks that the checkpoint fits
   * what the loop set up, then cuts metrics.jsonl back to the checkpoint's length.
   */
  void completeResume(long totalSteps, Path outDir) {
    if (resumedFrom != null) {
      if (resumedTotalSteps != totalSteps) {
        throw new InvalidInputException(
            "--resume: "
                + resumedFrom
                + " was written by a run of "
                + resumedTotalSteps
                + " steps in all; this run has "
                + totalSteps
                + " (its epochs or its schedule scaling differ)");
      }
      for (String name : pendingStates.keySet()) {
        if (!kept.containsKey(name)) {
          throw new InvalidInputException(
              "--resume: "
                  + resumedFrom
                  + " holds the state of '"
                  + name
                  + "', which this run does not keep");
        }
      }
      resumedFrom = null;
    }
    if (metricsCut >= 0) {
      try {
        MetricsLog.truncate(outDir, metricsCut);
      } catch (IOException e) {
        throw new InvalidInputException(
            "cannot cut "
                + MetricsLog.FILE_NAME
                + " in "
                + outDir
                + " back to the checkpoint: "
                + e.getMessage(),
            e);
      }
      metricsCut = -1;
    }
  }
}
