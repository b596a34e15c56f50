package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.google.gson.JsonObject;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.checkpoint.CheckpointFile;
import dev.hasten.runtime.checkpoint.Checkpoints;
import dev.hasten.runtime.data.IdxImages;
import dev.hasten.runtime.data.IdxLabels;
import dev.hasten.runtime.data.ImageDataset;
import dev.hasten.runtime.optim.ConstantSchedule;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a resume checks and owes, on tiny real runs: 8 training examples of 2×2 pixels in batches of
 * 2 (4 steps an epoch), 2 epochs, evaluated on 4 examples, a checkpoint every step. A "crash" is
 * the process stopping where the test stops driving the loop.
 */
class ResumeChecksTest {
  @RegisterExtension final CapturedErr err = new CapturedErr();

  @TempDir Path tmp;

  private String errText() {
    return err.text();
  }

  private static ImageDataset data(NDManager manager, int examples, int offset) {
    byte[] pixels = new byte[examples * 4];
    byte[] labels = new byte[examples];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) ((i * 37 + offset) % 251);
    }
    for (int i = 0; i < examples; i++) {
      labels[i] = (byte) ((i + offset) % 2);
    }
    return ImageDataset.fromIdx(
        new IdxImages("tiny", examples, 2, 2, pixels),
        new IdxLabels("tiny", labels),
        2,
        0.5f,
        0.25f,
        manager,
        ImageDataset.batchSampler(2, false));
  }

  private static RunSpec spec() {
    return RunSpec.builder()
        .setPipeline("test.Tiny")
        .setEpochs(2)
        .setBatchSize(2)
        .setImageShape(1, 2, 2)
        .setClasses(2)
        .build();
  }

  static Run open(NDManager manager, Path out, boolean resume, int trainExamples, Long maxSteps) {
    RunOptions options =
        RunOptions.defaults()
            .withOut(out)
            .withProgressBar(false)
            .withCheckpointEvery(1)
            .withResume(resume);
    if (maxSteps != null) {
      options = options.withMaxSteps(maxSteps);
    }
    SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.1).optMomentum(0.9).build();
    SequentialBlock model =
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(2).build());
    return new Runs(options, manager)
        .open(
            spec(),
            model,
            data(manager, trainExamples, 0),
            data(manager, 4, 1),
            sgd,
            new ConstantSchedule());
  }

  static Run open(NDManager manager, Path out, boolean resume) {
    return open(manager, out, resume, 8, null);
  }

  /** Drives the loop as generated code does; stops after {@code crashAfter} steps (-1: never). */
  static void train(Run run, int crashAfter) {
    for (int epoch : run.epochs()) {
      for (Step step : run.steps(epoch)) {
        PlainStep.train(run, step);
        run.endStep(step);
        if (run.stepsTaken() == crashAfter) {
          return;
        }
      }
      run.evaluate(epoch);
      run.endEpoch(epoch);
    }
    run.finish();
  }

  /** A whole run, crashed after {@code crashAfter} steps, then resumed to its end. */
  private Path crashedAndResumed(String name, int crashAfter, Consumer<Path> between) {
    Path out = tmp.resolve(name);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, crashAfter);
      run.close();
    }
    between.accept(out);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, true);
      train(run, -1);
      run.close();
    }
    return out;
  }

  private Path uninterrupted(String name) {
    Path out = tmp.resolve(name);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, -1);
      run.close();
    }
    return out;
  }

  private static List<String> metrics(Path out) throws IOException {
    return Files.readAllLines(out.resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll("\"time_s\":[0-9.eE+-]+,?", ""))
        .toList();
  }

  private static Path checkpoint(Path out, long step) {
    return out.resolve(Checkpoints.FOLDER).resolve(Checkpoints.fileName(step));
  }

  /** Rewrites the checkpoint after {@code step} steps with {@code change} applied to it. */
  private static void tamper(Path out, long step, Consumer<CheckpointFile.Contents> change) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      CheckpointFile.Contents contents = CheckpointFile.read(checkpoint(out, step), manager);
      Map<String, NDArray> arrays = new LinkedHashMap<>(contents.arrays());
      CheckpointFile.Contents copy = new CheckpointFile.Contents(contents.manifest(), arrays);
      change.accept(copy);
      CheckpointFile.write(checkpoint(out, step), copy);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCheckpointWrittenBeforeItsEpochsEvaluationHasTheResumedRunEvaluateFirst()
      throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    // The checkpoint of step 4 (every step) comes before epoch 0's evaluation; the crash too.
    Path resumed = crashedAndResumed("resumed", 4, out -> {});
    assertEquals(reference, metrics(resumed));
    assertTrue(
        reference.stream()
            .anyMatch(l -> l.contains("\"event\":\"eval\"") && l.contains("\"step\":4")));
  }

  @Test
  void theEndOfEpochCheckpointReplacesOneThatStillOwedTheEvaluation() throws IOException {
    Path out = tmp.resolve("replaced");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 6);
      run.close();
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      JsonObject manifest = CheckpointFile.read(checkpoint(out, 4), manager).manifest();
      assertFalse(manifest.get("epoch_end_pending").getAsBoolean());
      assertEquals(4, manifest.get("last_evaluated_step").getAsLong());
    }
  }

  @Test
  void aManifestStepThatDisagreesWithTheFileNameIsDamagedAndTheRunFallsBack() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed("step", 6, o -> tamper(o, 6, c -> c.manifest().addProperty("step", 3)));
    assertTrue(
        errText()
            .contains(
                "step-000000006.ckpt is damaged: its manifest says step 3 but its name says step 6"),
        errText());
    assertTrue(errText().contains("step-000000005.ckpt (step 5)"), errText());
    assertEquals(reference, metrics(out));
  }

  @Test
  void metricsBytesThatWouldCutTheLogShortIsDamaged() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed(
            "bytes", 6, o -> tamper(o, 6, c -> c.manifest().addProperty("metrics_bytes", 0)));
    assertTrue(
        errText()
            .contains(
                "step-000000006.ckpt is damaged: metrics.jsonl holds step 4 after its cut at byte 0"),
        errText());
    assertEquals(reference, metrics(out));
  }

  @Test
  void aNegativeLossCountIsDamaged() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed(
            "count", 6, o -> tamper(o, 6, c -> c.manifest().addProperty("loss_count", -1)));
    assertTrue(
        errText().contains("step-000000006.ckpt is damaged: its loss_count is -1"), errText());
    assertEquals(reference, metrics(out));
  }

  @Test
  void manifestFieldsMissingOrOfAnotherTypeAreDamagedNotExceptions() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed(
            "types",
            6,
            o -> {
              tamper(o, 6, c -> c.manifest().add("last_lr", new com.google.gson.JsonArray()));
              tamper(o, 5, c -> c.manifest().remove("loss_count"));
              tamper(o, 4, c -> c.manifest().addProperty("parameters_with_gradient", "all"));
            });
    assertTrue(
        errText().contains("step-000000006.ckpt is damaged: its manifest has no last_lr"),
        errText());
    assertTrue(
        errText().contains("step-000000005.ckpt is damaged: its manifest has no loss_count"),
        errText());
    assertTrue(
        errText()
            .contains(
                "step-000000004.ckpt is damaged: its manifest has no parameters_with_gradient"),
        errText());
    assertTrue(errText().contains("no usable checkpoint of Tiny"), errText());
    // Nothing usable: the run started again from step 0 and ended as the uninterrupted one.
    assertEquals(reference, metrics(out));
  }

  @Test
  void aMissingMomentumArrayIsDamaged() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed(
            "momentum",
            6,
            o ->
                tamper(
                    o,
                    6,
                    c -> {
                      String key =
                          c.arrays().keySet().stream()
                              .filter(k -> k.startsWith("optimizer/momentum/"))
                              .findFirst()
                              .orElseThrow();
                      c.arrays().remove(key);
                    }));
    assertTrue(
        errText().contains("step-000000006.ckpt is damaged: it holds no optimizer state for"),
        errText());
    assertEquals(reference, metrics(out));
  }

  @Test
  void aParameterOfAnotherDataTypeDoesNotFit() throws IOException {
    List<String> reference = metrics(uninterrupted("reference"));
    Path out =
        crashedAndResumed(
            "dtype",
            6,
            o ->
                tamper(
                    o,
                    6,
                    c -> {
                      String key =
                          c.arrays().keySet().stream()
                              .filter(k -> k.startsWith("model/"))
                              .findFirst()
                              .orElseThrow();
                      c.arrays().put(key, c.arrays().get(key).toType(DataType.FLOAT64, false));
                    }));
    assertTrue(
        errText().contains("step-000000006.ckpt does not fit the model: parameter"), errText());
    assertTrue(errText().contains("is float64"), errText());
    assertEquals(reference, metrics(out));
  }

  @Test
  void aHugeStepIsDamagedNotANegativeEpoch() throws IOException {
    long huge = 1_000_000_000_000_000L;
    Path out =
        crashedAndResumed(
            "huge",
            6,
            o -> {
              tamper(
                  o,
                  6,
                  c -> {
                    c.manifest().addProperty("step", huge);
                    c.manifest().addProperty("total_steps", huge);
                  });
              try {
                Files.move(checkpoint(o, 6), checkpoint(o, huge));
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    assertTrue(
        errText().contains("step-1000000000000000.ckpt is damaged: its total_steps"), errText());
    assertTrue(errText().contains("step-000000005.ckpt (step 5)"), errText());
    assertTrue(metrics(out).get(metrics(out).size() - 1).contains("\"step\":8"));
  }

  @Test
  void aCheckpointThatDoesNotFitTheModelLeavesTheLogUncutAndFallsBackToAnOlderOne()
      throws IOException {
    Path out = tmp.resolve("shape");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 6);
      run.close();
    }
    for (long step = 4; step <= 6; step++) {
      tamper(
          out,
          step,
          c -> {
            String key =
                c.arrays().keySet().stream()
                    .filter(k -> k.startsWith("model/"))
                    .findFirst()
                    .orElseThrow();
            NDArray wrong =
                c.arrays().get(key).getManager().zeros(new ai.djl.ndarray.types.Shape(3));
            c.arrays().put(key, wrong);
          });
    }
    String log = Files.readString(out.resolve("metrics.jsonl"));
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      // Every checkpoint is damaged: the run restarts from step 0, and says so, without cutting
      // the log until it has started.
      Run run = open(manager, out, true);
      assertEquals(0, run.stepsTaken());
      assertEquals(log, Files.readString(out.resolve("metrics.jsonl")));
      run.close();
    }
    assertTrue(errText().contains("does not fit the model"), errText());
    assertTrue(
        errText()
            .contains(
                "no usable checkpoint of Tiny in "
                    + out.resolve("checkpoints")
                    + "; starting from step 0"),
        errText());
  }

  @Test
  void checkpointsOfAnotherFormatVersionAreRefusedNotStartedOver() throws IOException {
    Path out = tmp.resolve("format");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 6);
      run.close();
    }
    for (long step = 4; step <= 6; step++) {
      try (java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(
              checkpoint(out, step), java.nio.file.StandardOpenOption.WRITE)) {
        channel.write(
            java.nio.ByteBuffer.allocate(4).putInt(0, 1), 8); // format 1, as older versions wrote
      }
    }
    String log = Files.readString(out.resolve("metrics.jsonl"));
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> open(manager, out, true));
      assertEquals(
          "--resume: no usable checkpoint of Tiny in " + out.resolve("checkpoints"),
          e.getMessage());
    }
    assertTrue(
        errText()
            .contains(
                "step-000000006.ckpt has checkpoint format version 1; this Hasten reads version 2"),
        errText());
    assertEquals(log, Files.readString(out.resolve("metrics.jsonl")));
  }

  @Test
  void resumingOnOtherDataIsRefused() {
    Path out = tmp.resolve("data");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 3);
      run.close();
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> open(manager, out, true, 12, null));
      assertEquals(
          "--resume: no usable checkpoint of Tiny in " + out.resolve("checkpoints"),
          e.getMessage());
    }
    assertTrue(
        errText().contains("belongs to another run: its train_examples is 8, this run's is 12"),
        errText());
  }

  @Test
  void maxStepsBelowTheCheckpointIsRefusedAndNothingChanges() throws IOException {
    Path out = tmp.resolve("limit");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false);
      train(run, 6);
      run.close();
    }
    String log = Files.readString(out.resolve("metrics.jsonl"));
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> open(manager, out, true, 8, 4L));
      assertEquals(
          "--max-steps 4 is below the 6 steps that step-000000006.ckpt has already taken; give a larger --max-steps, or none",
          e.getMessage());
    }
    assertEquals(log, Files.readString(out.resolve("metrics.jsonl")));
  }

  @Test
  void aLargerMaxStepsOnResumeIsHonoured() {
    Path out = tmp.resolve("more");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, false, 8, 3L);
      train(run, -1);
      run.close();
    }
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Run run = open(manager, out, true, 8, 7L);
      train(run, -1);
      assertEquals(7, run.stepsTaken());
      run.close();
    }
  }
}
