package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.dsl.speedup.Swa;
import dev.hasten.runtime.loop.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwaMethodTest {
  @TempDir Path tmp;

  @Swa(start = 0.3, end = 0.7, updateEverySteps = 2)
  static class Config {}

  private static Parameter weight(Block model) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getKey().endsWith("weight")) {
        return p.getValue();
      }
    }
    throw new AssertionError("no weight");
  }

  private static float value(Block model) {
    return weight(model).getArray().toFloatArray()[0];
  }

  /** Sets the weight to {@code w}, then runs the after-step hook of step {@code index}. */
  private static void step(SwaMethod swa, Run run, long index, float w) {
    weight(run.model()).getArray().set(new float[] {w});
    try (NDManager stepManager = run.manager().newSubManager()) {
      swa.afterStep(TinyRuns.step(run, stepManager, index));
    }
  }

  @Test
  void averagesTheWindowsUpdateStepsAndReplacesTheWeightsAtItsEnd() {
    // 10 steps; window [0.3, 0.7) holds the steps of progress 0.3 … 0.6: indices 3, 4, 5, 6.
    // Taken in: index 3 (the window's first step), 4 (a multiple of 2), 6; not 5, nor 2 or 7.
    // Weights 1, 2, 6 → average (1 + 2 + 6) / 3 = 3. After step 6, (6 + 1)/10 = 0.7 ≥ end: the
    // average replaces the weight, and later steps leave the average alone.
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      SwaMethod swa = new SwaMethod(Config.class.getAnnotation(Swa.class));
      swa.onFitStart(run);
      step(swa, run, 2, 50);
      assertEquals(0, swa.count());
      step(swa, run, 3, 1);
      step(swa, run, 4, 2);
      step(swa, run, 5, 100);
      assertEquals(2, swa.count());
      assertFalse(swa.finished());
      step(swa, run, 6, 6);
      assertEquals(3, swa.count());
      assertTrue(swa.finished());
      assertEquals(3f, value(run.model()), 1e-6);
      step(swa, run, 7, 40);
      assertEquals(40f, value(run.model()));
      assertEquals(3, swa.count());
    }
  }

  @Test
  void evaluationInsideTheWindowSeesTheAverageAndTrainingWeightsComeBackExactly() {
    // Window steps 3 (w = 1) and 4 (w = 2): average 1.5. The training weight is 2.
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      SwaMethod swa = new SwaMethod(Config.class.getAnnotation(Swa.class));
      swa.onFitStart(run);
      step(swa, run, 3, 1);
      step(swa, run, 4, 2);
      swa.swapIn(run.model());
      assertEquals(1.5f, value(run.model()));
      swa.swapOut(run.model());
      assertEquals(2f, value(run.model()));
    }
  }

  @Test
  void evaluationBeforeTheWindowSeesTheTrainingWeights() {
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      SwaMethod swa = new SwaMethod(Config.class.getAnnotation(Swa.class));
      swa.onFitStart(run);
      step(swa, run, 1, 7);
      swa.swapIn(run.model());
      assertEquals(7f, value(run.model()));
      swa.swapOut(run.model());
      assertEquals(7f, value(run.model()));
    }
  }

  @Test
  void savedStateResumesTheSameAverage() {
    // Window steps 3 (w = 1), 4 (w = 2) in one object; its state goes into a fresh one, which
    // then takes in step 6 (w = 6): (1 + 2 + 6) / 3 = 3, as without the interruption.
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      SwaMethod first = new SwaMethod(Config.class.getAnnotation(Swa.class));
      first.onFitStart(run);
      step(first, run, 3, 1);
      step(first, run, 4, 2);
      Map<String, NDArray> state = first.saveState(manager);
      first.close();

      SwaMethod resumed = new SwaMethod(Config.class.getAnnotation(Swa.class));
      resumed.onFitStart(run);
      resumed.loadState(run.model(), state);
      assertEquals(2, resumed.count());
      step(resumed, run, 5, 100);
      step(resumed, run, 6, 6);
      assertTrue(resumed.finished());
      assertEquals(3f, value(run.model()), 1e-6);
    }
  }
}
