package dev.hasten.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import dev.hasten.runtime.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCheckTest {
  @TempDir Path tmp;

  @Test
  void aTruthfulPipelineTakesOneStepAndEvaluatesOneBatchWithoutReadingItsData() throws IOException {
    // TinyLinear's data methods throw or need Fashion-MNIST: the check reads neither.
    RunResult result = PipelineCheck.of(TinyLinear.class).optOut(tmp.resolve("run")).runsOneStep();
    assertEquals(1, result.steps());
    assertEquals(List.of("LabelSmoothing"), result.speedups());
    // One evaluation of the 16-image batch: the accuracy is a multiple of 1/16.
    double correct = result.finalTestAcc() * 16;
    assertEquals(Math.rint(correct), correct, 1e-9);
    List<String> metrics = Files.readAllLines(tmp.resolve("run/metrics.jsonl"));
    assertTrue(
        metrics.stream().anyMatch(l -> l.contains("\"event\":\"eval\"")), metrics.toString());
  }

  @Test
  void aModelWhoseDeclaredTraitsLieFailsWithTheRunsMessage() {
    AssertionError error =
        assertThrows(AssertionError.class, () -> PipelineCheck.of(LyingTraits.class).runsOneStep());
    assertEquals(
        "@Model declares GLOBAL_POOL but the model has no global pooling; remove it from traits or"
            + " change the model",
        error.getMessage());
  }

  @Test
  void aModelWithTheWrongNumberOfOutputsFailsWithTheEnginesError() {
    // The loss compares 3 outputs with 10 classes: the run fails in its first step, and so does
    // the check, with libtorch's own words.
    EngineException error =
        assertThrows(EngineException.class, () -> PipelineCheck.of(WrongShape.class).runsOneStep());
    assertTrue(
        error.getMessage().contains("tensor a (3) must match the size of tensor b (10)"),
        error.getMessage());
  }

  @Test
  void theTemporaryRunFolderIsDeleted() throws IOException {
    Path before = Path.of(System.getProperty("java.io.tmpdir"));
    long count;
    try (var list = Files.list(before)) {
      count = list.filter(p -> p.getFileName().toString().startsWith("hasten-check-")).count();
    }
    PipelineCheck.of(TinyLinear.class).runsOneStep();
    try (var list = Files.list(before)) {
      assertEquals(
          count, list.filter(p -> p.getFileName().toString().startsWith("hasten-check-")).count());
    }
  }
}
