package dev.hasten.runtime.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.Pipeline;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.RunResult;
import dev.hasten.runtime.report.MetricsLog;
import dev.hasten.runtime.report.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's plan and its resumption. Training is replaced by a trainer that writes what a run
 * writes (metrics.jsonl and summary.json), since what is tested is which runs are made and read.
 */
class FrontierSweepTest {
  @TempDir Path tmp;

  @Pipeline(epochs = 8)
  static final class Base {}

  @Pipeline(epochs = 3)
  static final class Judged {}

  static final class NotAPipeline {}

  /** Writes a run's files; accuracy 0.8 + 0.01 per epoch, 10 s per epoch. */
  static final class WritingTrainer implements FrontierSweep.Trainer {
    final List<String> trained = new ArrayList<>();

    @Override
    public RunResult train(Class<?> pipeline, RunOptions options) {
      int epochs = options.epochs().orElseThrow();
      Path dir = options.out().orElseThrow();
      trained.add(pipeline.getSimpleName() + "-" + epochs);
      double acc = 0.8 + 0.01 * epochs;
      RunResult r =
          new RunResult(
              pipeline.getSimpleName(),
              List.of(),
              epochs,
              epochs * 10L,
              10.0 * epochs,
              100,
              acc,
              acc,
              "cpu()",
              dir);
      try (MetricsLog log = new MetricsLog(createdDir(dir))) {
        log.evaluation(epochs - 1, epochs * 10L, 10.0 * epochs, acc, 0.3);
        Summary.write(dir, r);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return r;
    }

    private static Path createdDir(Path dir) throws IOException {
      return Files.createDirectories(dir);
    }
  }

  private FrontierSweep sweep(
      FrontierSweep.Trainer trainer, List<Integer> budgets, ByteArrayOutputStream log) {
    return FrontierSweep.plan(
        Base.class,
        budgets,
        List.of(Judged.class),
        tmp,
        RunOptions.defaults(),
        trainer,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @Test
  void trainsTheBaselineAtEachBudgetThenEachPipelineAtItsOwnEpochs() throws IOException {
    WritingTrainer trainer = new WritingTrainer();
    List<FrontierRun> runs = sweep(trainer, List.of(1, 2, 4), new ByteArrayOutputStream()).run();
    assertEquals(List.of("Base-1", "Base-2", "Base-4", "Judged-3"), trainer.trained);
    assertEquals(4, runs.size());
    assertEquals(FrontierRun.Role.PIPELINE, runs.get(3).role());
    assertEquals(0.84, runs.get(2).finalTestAcc(), 1e-12);
    assertTrue(Files.exists(tmp.resolve("runs/Base-4ep/summary.json")));
  }

  @Test
  void aSecondSweepInTheSameFolderReadsFinishedRunsInsteadOfTrainingThem() throws IOException {
    sweep(new WritingTrainer(), List.of(1, 2), new ByteArrayOutputStream()).run();
    FrontierSweep.Trainer refusing =
        (p, o) -> {
          throw new AssertionError("trained again: " + p.getSimpleName());
        };
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<FrontierRun> runs = sweep(refusing, List.of(1, 2), log).run();
    assertEquals(3, runs.size());
    assertEquals(20.0, runs.get(1).trainSeconds(), 1e-12);
    assertTrue(
        log.toString(StandardCharsets.UTF_8)
            .contains("run 2 of 3, Base at 2 epochs: finished before"));
  }

  @Test
  void aRunCutShortIsTrainedAgainFromAnEmptyLog() throws IOException {
    Path cut = Files.createDirectories(tmp.resolve("runs/Base-1ep"));
    Files.writeString(
        cut.resolve(MetricsLog.FILE_NAME),
        "{\"event\":\"eval\",\"epoch\":0,\"step\":5,\"time_s\":1.0,\"test_acc\":0.99,\"test_loss\":0.1}\n");
    WritingTrainer trainer = new WritingTrainer();
    List<FrontierRun> runs = sweep(trainer, List.of(1), new ByteArrayOutputStream()).run();
    assertEquals(List.of("Base-1", "Judged-3"), trainer.trained);
    // Only the retrained run's evaluation is left: 0.81 at 10 s, not the cut run's 0.99 at 1 s.
    assertEquals(1, runs.get(0).history().evaluations().size());
    assertEquals(0.81, runs.get(0).history().evaluations().get(0).testAcc(), 1e-12);
  }

  @Test
  void aRunCutShortAfterACheckpointIsResumedNotRestarted() throws IOException {
    Path cut = Files.createDirectories(tmp.resolve("runs/Base-1ep/checkpoints"));
    Files.writeString(cut.resolve("step-00000010.ckpt"), "not read by this test");
    List<Boolean> resumed = new ArrayList<>();
    WritingTrainer writer = new WritingTrainer();
    FrontierSweep.Trainer trainer =
        (p, o) -> {
          resumed.add(o.resume());
          return writer.train(p, o);
        };
    sweep(trainer, List.of(1), new ByteArrayOutputStream()).run();
    assertEquals(List.of(true, false), resumed);
  }

  @Test
  void progressSaysHowLongTheRestOfTheSweepWillTake() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    sweep(new WritingTrainer(), List.of(1, 2), log).run();
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("frontier: run 1 of 3, Base at 1 epochs -> "), text);
    assertTrue(text.contains("min of the sweep left)"), text);
  }

  @Test
  void badBudgetsAndNonPipelinesAreRefusedBeforeAnyTraining() {
    WritingTrainer trainer = new WritingTrainer();
    InvalidInputException zero =
        assertThrows(
            InvalidInputException.class,
            () -> sweep(trainer, List.of(2, 0), new ByteArrayOutputStream()));
    assertEquals("--budgets must be epochs of at least 1, got 0", zero.getMessage());
    assertThrows(
        InvalidInputException.class, () -> sweep(trainer, List.of(), new ByteArrayOutputStream()));
    assertThrows(
        InvalidInputException.class,
        () ->
            FrontierSweep.plan(
                Base.class,
                List.of(1),
                List.of(NotAPipeline.class),
                tmp,
                RunOptions.defaults(),
                trainer,
                System.err));
    assertTrue(trainer.trained.isEmpty());
  }
}
