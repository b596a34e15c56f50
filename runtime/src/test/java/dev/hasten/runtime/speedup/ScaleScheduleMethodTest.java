package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.hasten.dsl.speedup.ScaleSchedule;
import dev.hasten.runtime.loop.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleScheduleMethodTest {
  @TempDir Path tmp;

  @ScaleSchedule(ratio = 0.5)
  static class Config {}

  @Test
  void halvesTheRunsStepsAndEpochs() {
    // 10 examples in batches of 1, 4 epochs: 40 steps; ratio 0.5 → 20 steps, 2 epochs.
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 4)) {
      assertEquals(40, run.totalSteps());
      new ScaleScheduleMethod(Config.class.getAnnotation(ScaleSchedule.class)).onFitStart(run);
      assertEquals(20, run.totalSteps());
      assertEquals(2, run.epochCount());
    }
  }

  @Test
  void aRatioOfZeroIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ScaleScheduleMethod(0));
  }
}
