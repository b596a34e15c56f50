package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.dsl.AnnealStrategy;
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

  @Test
  void stateSavedAfterTheWindowResumesFinishedWithTheModelHoldingTheAverage() {
    // Window steps 3 (w = 1), 4 (w = 2), 6 (w = 6): the average 3 is the model after step 6 and
    // the method keeps no copy. A checkpoint then resumes finished: later steps train on.
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      SwaMethod first = new SwaMethod(Config.class.getAnnotation(Swa.class));
      first.onFitStart(run);
      step(first, run, 3, 1);
      step(first, run, 4, 2);
      step(first, run, 6, 6);
      assertTrue(first.finished());
      assertTrue(first.averages().isEmpty(), "the average is freed once it is the model");
      Map<String, NDArray> state = first.saveState(manager);
      first.close();

      SwaMethod resumed = new SwaMethod(Config.class.getAnnotation(Swa.class));
      resumed.onFitStart(run);
      resumed.loadState(run.model(), state);
      assertTrue(resumed.finished());
      assertEquals(3, resumed.count());
      step(resumed, run, 8, 40);
      resumed.swapIn(run.model());
      assertEquals(
          40f, value(run.model()), "after the window evaluation sees the training weights");
      resumed.swapOut(run.model());
    }
  }

  @Test
  void withoutItsOwnRateTheWindowKeepsThePipelinesSchedule() {
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      new SwaMethod(Config.class.getAnnotation(Swa.class)).onFitStart(run);
      for (long i = 0; i < 10; i++) {
        assertEquals(0.1, run.learningRate(i), "step " + i);
      }
    }
  }

  @Test
  void itsOwnRateAnnealsLinearlyOverTheUpdatesFromTheWindowsFirstStep() {
    // 10 steps at a constant 0.1; window [0.3, 0.7): steps 3–6, each taken in (every step).
    // SWA rate 0.01 over 2 updates, linear. After k updates the rate is
    // 0.01·min(1, k/2) + 0.1·(1 − min(1, k/2)):
    //   steps 0–3: the pipeline's 0.1 (step 3 is the first update; it trains before it)
    //   step 4: k = 1 → 0.01·0.5 + 0.1·0.5 = 0.055
    //   step 5 on: k ≥ 2 → 0.01, also after the window (steps 7–9)
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      new SwaMethod(0.3, 0.7, 1, 0.01, 2, AnnealStrategy.LINEAR).onFitStart(run);
      double[] expected = {0.1, 0.1, 0.1, 0.1, 0.055, 0.01, 0.01, 0.01, 0.01, 0.01};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], run.learningRate(i), 1e-12, "step " + i);
      }
    }
  }

  @Test
  void cosineAnnealingCountsOnlyTheUpdatesTakenAndHoldsWhereTheWindowEnds() {
    // Window steps 3–6 taking in 3, 4 and 6 (the first step, then multiples of 2). SWA rate
    // 0.01 over 4 updates, cosine: α(t) = (1 − cos(πt))/2, rate = 0.01·α + 0.1·(1 − α)
    // = 0.1 − 0.09·α:
    //   step 4: 1 update (3),        t = 1/4 → α = (1 − √½)/2 = 0.14644661 → 0.08681981
    //   step 5: 2 updates (3, 4),    t = 2/4 → α = 1/2                   → 0.055
    //   step 6: still 2 (5 is not taken)                                 → 0.055
    //   step 7: 3 updates (3, 4, 6), t = 3/4 → α = (1 + √½)/2 = 0.85355339 → 0.02318019
    //   steps 8, 9: the window is over, no more updates: the rate holds at 0.02318019
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      new SwaMethod(0.3, 0.7, 2, 0.01, 4, AnnealStrategy.COSINE).onFitStart(run);
      double[] expected = {
        0.1, 0.1, 0.1, 0.1, 0.08681981, 0.055, 0.055, 0.02318019, 0.02318019, 0.02318019
      };
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], run.learningRate(i), 1e-8, "step " + i);
      }
    }
  }

  @Test
  void theAnnotationCarriesTheRateAndItsAnnealing() {
    @Swa(lr = 0.02, annealSteps = 3, annealStrategy = AnnealStrategy.COSINE)
    class WithRate {}
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 100, 1)) {
      new SwaMethod(WithRate.class.getAnnotation(Swa.class)).onFitStart(run);
      // Default window [0.7, 0.97) of 100 steps: first update at step 70, so step 73 has 3
      // updates behind it (70, 71, 72) and the full SWA rate; step 71 has 1: α = (1 − cos(π/3))/2
      // = 0.25, 0.02·0.25 + 0.1·0.75 = 0.08.
      assertEquals(0.1, run.learningRate(70), 1e-12);
      assertEquals(0.08, run.learningRate(71), 1e-12);
      assertEquals(0.02, run.learningRate(73), 1e-12);
    }
  }
}
