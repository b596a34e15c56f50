package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.checkpoint.ForeignCheckpointException;
import dev.hasten.runtime.report.MetricsLog;
import java.io.PrintStream;
import java.nio.file.Files;

/**
 * Where a {@code --resume} starts: the newest checkpoint that passes every check ({@link
 * CheckpointCheck}), falling back past damaged ones with a warning each; or step 0 when the folder
 * holds a run but no usable checkpoint of it (killed, or out of disk, during its first checkpoint
 * write), so that a folder never gets stuck; or a refusal when a checkpoint there is another run's
 * or of another format version (which must not be started over), or when there is no run at all to
 * resume.
 *
 * @param loaded the checkpoint to resume from, or null
 * @param restart whether the run starts again from step 0, writing its log anew
 */
record Resumption(Checkpoints.Loaded loaded, boolean restart) {
  static final Resumption FRESH = new Resumption(null, false);

  /** A checkpoint larger than this many times the model's parameters, plus 16 MiB, is not read. */
  static final int MAX_MODEL_COPIES = 8;

  static Resumption find(
      Checkpoints checkpoints,
      CheckpointCheck check,
      NDManager manager,
      String pipeline,
      PrintStream err) {
    boolean[] foreign = {false};
    long maxBytes = maxCheckpointBytes(check.model());
    Checkpoints.Loaded loaded =
        checkpoints
            .newestValid(
                manager,
                maxBytes,
                (file, contents) ->
                    check.check(
                        file.getFileName().toString(),
                        Checkpoints.stepOf(file).orElseThrow(),
                        contents),
                skipped -> foreign[0] |= skipped instanceof ForeignCheckpointException)
            .orElse(null);
    if (loaded != null) {
      return new Resumption(loaded, false);
    }
    String none = "--resume: no usable checkpoint of " + pipeline + " in " + checkpoints.folder();
    boolean holdsRun = Files.exists(checkpoints.folder().resolveSibling(MetricsLog.FILE_NAME));
    if (foreign[0] || !holdsRun) {
      throw new InvalidInputException(none);
    }
    err.println("hasten: " + none + "; starting from step 0");
    return new Resumption(null, true);
  }

  /**
   * The largest checkpoint a run of {@code model} can write: the weights, up to two optimizer
   * moments, averages of speedups (EMA, SWA) and room to spare, plus 16 MiB for small state (kept
   * example indices, counters).
   */
  static long maxCheckpointBytes(Block model) {
    long bytes = 0;
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getValue().isInitialized()) {
        bytes +=
            p.getValue().getArray().size() * p.getValue().getArray().getDataType().getNumOfBytes();
      }
    }
    return MAX_MODEL_COPIES * bytes + (16L << 20) + CheckpointFile.MAX_MANIFEST_BYTES;
  }
}
