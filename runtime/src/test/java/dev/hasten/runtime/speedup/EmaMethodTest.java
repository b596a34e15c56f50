package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.loop.Step;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmaMethodTest {
  @TempDir Path tmp;

  @Ema(halfLifeSteps = 4, updateEverySteps = 2, start = 0.5)
  static class Config {}

  /** A Linear block with one input and one output: parameters "weight" [1, 1] and "bias" [1]. */
  private static Block tinyLinear(NDManager manager) {
    Block linear = Linear.builder().setUnits(1).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    return linear;
  }

  private static Parameter parameter(Block model, String name) {
    return model.getParameters().get(name);
  }

  private static void setWeights(Block model, float weight, float bias) {
    parameter(model, "weight").getArray().set(new float[] {weight});
    parameter(model, "bias").getArray().set(new float[] {bias});
  }

  /** Runs the method's after-step hook for step {@code index} in a step manager of its own. */
  private static void afterStep(EmaMethod ema, Block model, NDManager manager, long index) {
    try (NDManager stepManager = manager.newSubManager()) {
      ema.afterStep(new Step(model, stepManager, index, 0, 0.0, 42, null, null, null));
    }
  }

  private static float average(EmaMethod ema, String name) {
    return ema.averages().get(name).toFloatArray()[0];
  }

  @Test
  void averageAfterThreeStepsWithHalfLifeOneByHand() {
    // halfLife 1, every step: s = 0.5^(1/1) = 0.5. The average starts as a copy at step 0,
    // then ema ← 0.5·ema + 0.5·w:
    //   step 0: w = 2,  b = 0   → ema_w = 2,                 ema_b = 0
    //   step 1: w = 4,  b = 2   → ema_w = 0.5·2 + 0.5·4 = 3,  ema_b = 0 + 1 = 1
    //   step 2: w = 10, b = −4  → ema_w = 1.5 + 5 = 6.5,      ema_b = 0.5 − 2 = −1.5
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      EmaMethod ema = new EmaMethod(1, 1);
      assertEquals(0.5, ema.smoothing());
      float[][] steps = {{2, 0}, {4, 2}, {10, -4}};
      float[][] expected = {{2, 0}, {3, 1}, {6.5f, -1.5f}};
      for (int i = 0; i < steps.length; i++) {
        setWeights(model, steps[i][0], steps[i][1]);
        afterStep(ema, model, manager, i);
        assertEquals(expected[i][0], average(ema, "weight"), "weight after step " + i);
        assertEquals(expected[i][1], average(ema, "bias"), "bias after step " + i);
      }
    }
  }

  @Test
  void updatingEveryTwoStepsUpdatesAfterEverySecondStepDoneAsComposerDoes() {
    // halfLife 1, every 2 steps: s = 0.5^(2/1) = 0.25. Composer updates at the end of a batch
    // when its batch count, index + 1, is a multiple of 2: after steps 1 and 3, not 2. Steps 0
    // and 2 carry w = 100; step 0's is copied (the start), step 2's must never reach the average:
    //   step 0: w = 100 → copy, ema = 100
    //   step 1: w = 4   → ema = 0.25·100 + 0.75·4 = 25 + 3 = 28
    //   step 2: w = 100 → skipped, ema = 28
    //   step 3: w = 8   → ema = 0.25·28 + 0.75·8 = 7 + 6 = 13
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      EmaMethod ema = new EmaMethod(1, 2);
      assertEquals(0.25, ema.smoothing());
      float[] weights = {100, 4, 100, 8};
      float[] expected = {100, 28, 28, 13};
      for (int i = 0; i < weights.length; i++) {
        setWeights(model, weights[i], 0);
        afterStep(ema, model, manager, i);
        assertEquals(expected[i], average(ema, "weight"), "after step " + i);
      }
    }
  }

  @Test
  void aLateStartCopiesTheWeightsAfterTheStepThatReachesItThenAveragesOnComposersPhase()
      throws Exception {
    // A run of 10 steps, start 0.35: after step 2, 3/10 = 0.3 is done, below the start; after
    // step 3, 4/10 = 0.4 ≥ 0.35: the average starts there as a copy (w = 5). Every 2 steps with
    // halfLife 2: s = 0.5^(2/2) = 0.5; the next update is after step 5 (count 6):
    //   steps 0–2: w = 100 → no average; evaluation sees the training weights
    //   step 3:    w = 5   → copy, ema = 5
    //   step 4:    w = 100 → skipped (count 5)
    //   step 5:    w = 9   → ema = 0.5·5 + 0.5·9 = 7
    try (NDManager manager = NDManager.newBaseManager();
        Run run = TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1)) {
      EmaMethod ema = new EmaMethod(2, 2, 0.35);
      ema.onFitStart(run);
      Parameter weight = TinyRuns.weight(run.model());
      float[] weights = {100, 100, 100, 5, 100, 9};
      for (int i = 0; i < weights.length; i++) {
        weight.getArray().set(new float[] {weights[i]});
        try (NDManager stepManager = run.manager().newSubManager()) {
          ema.afterStep(TinyRuns.step(run, stepManager, i));
        }
        if (i < 3) {
          assertTrue(ema.averages().isEmpty(), "no average after step " + i);
        }
      }
      assertEquals(7f, ema.averages().get(TinyRuns.weightName(run.model())).toFloatArray()[0]);
    }
  }

  @Test
  void annotationSetsTheStart() {
    assertEquals(0.5, new EmaMethod(Config.class.getAnnotation(Ema.class)).start());
    assertEquals(0.0, new EmaMethod(1, 1).start());
  }

  @Test
  void annotationSetsTheSmoothingToHalfToTheUpdatesOverTheHalfLife() {
    // halfLife 4, every 2 steps: s = 0.5^(2/4) = sqrt(0.5) = 0.70710678.
    EmaMethod ema = new EmaMethod(Config.class.getAnnotation(Ema.class));
    assertEquals(4, ema.halfLifeSteps());
    assertEquals(2, ema.updateEverySteps());
    assertEquals(0.70710678, ema.smoothing(), 1e-8);
  }

  @Test
  void swapInShowsTheAverageInPlaceAndSwapOutRestoresTheExactWeights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      EmaMethod ema = new EmaMethod(1, 1);
      setWeights(model, 1, 1);
      afterStep(ema, model, manager, 0);
      // Weights with no short binary form, so a lossy round trip would show.
      float weight = 1f / 3f;
      float bias = -0.1f;
      setWeights(model, weight, bias);
      afterStep(ema, model, manager, 1);
      NDArray weightArray = parameter(model, "weight").getArray();
      NDArray biasArray = parameter(model, "bias").getArray();

      ema.swapIn(model);
      // s = 0.5: 0.5·1 + 0.5·(1/3) = 2/3 and 0.5·1 + 0.5·(−0.1) = 0.45, in float.
      assertEquals(2f / 3f, parameter(model, "weight").getArray().toFloatArray()[0], 1e-6f);
      assertEquals(0.45f, parameter(model, "bias").getArray().toFloatArray()[0], 1e-6f);
      assertSame(weightArray, parameter(model, "weight").getArray(), "copied in place");
      assertThrows(IllegalStateException.class, () -> ema.swapIn(model));

      ema.swapOut(model);
      assertArrayEquals(new float[] {weight}, weightArray.toFloatArray());
      assertArrayEquals(new float[] {bias}, biasArray.toFloatArray());
      assertSame(biasArray, parameter(model, "bias").getArray());
      assertTrue(weightArray.hasGradient(), "the parameter still collects gradients");
      assertThrows(IllegalStateException.class, () -> ema.swapOut(model));
    }
  }

  @Test
  void swappingBeforeTheFirstStepLeavesTheTrainingWeights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      setWeights(model, 5, 6);
      EmaMethod ema = new EmaMethod(10, 1);
      ema.swapIn(model);
      assertEquals(5f, parameter(model, "weight").getArray().toFloatArray()[0]);
      ema.swapOut(model);
      assertEquals(6f, parameter(model, "bias").getArray().toFloatArray()[0]);
    }
  }

  @Test
  void batchNormRunningStatisticsAreAveragedToo() {
    // Linear(1) then BatchNorm: the average covers all six parameters, the running mean and
    // variance included. With s = 0.5, running means 1 then 3 average to 0.5·1 + 0.5·3 = 2.
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock model = new SequentialBlock();
      model.add(Linear.builder().setUnits(1).build()).add(BatchNorm.builder().build());
      model.initialize(manager, DataType.FLOAT32, new Shape(2, 1));
      List<String> names = model.getParameters().keys();
      String runningMean =
          names.stream().filter(n -> n.endsWith("runningMean")).findFirst().orElseThrow();
      assertTrue(names.stream().anyMatch(n -> n.endsWith("runningVar")), names.toString());
      EmaMethod ema = new EmaMethod(1, 1);

      model.getParameters().get(runningMean).getArray().set(new float[] {1});
      afterStep(ema, model, manager, 0);
      model.getParameters().get(runningMean).getArray().set(new float[] {3});
      afterStep(ema, model, manager, 1);

      assertEquals(names, List.copyOf(ema.averages().keySet()));
      assertEquals(2f, average(ema, runningMean));
    }
  }

  @Test
  void averagesOutliveTheStepAndLiveBesideTheParameters() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      setWeights(model, 3, 4);
      EmaMethod ema = new EmaMethod(1, 1);
      afterStep(ema, model, manager, 0); // its step manager is closed on return
      NDArray average = ema.averages().get("weight");
      assertEquals(3f, average.toFloatArray()[0]);
      NDManager parameters = parameter(model, "weight").getArray().getManager();
      assertSame(parameters, average.getManager().getParentManager());
      assertNotSame(parameters, average.getManager());
      ema.close();
      assertTrue(ema.averages().isEmpty());
    }
  }

  @Test
  void restoredAveragesContinueWhereTheSavedOnesStopped() {
    // Save after two steps (ema_w = 0.5·2 + 0.5·4 = 3), restore into a fresh method, step on
    // with w = 7: 0.5·3 + 0.5·7 = 5, as if there had been no interruption.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      EmaMethod before = new EmaMethod(1, 1);
      setWeights(model, 2, 0);
      afterStep(before, model, manager, 0);
      setWeights(model, 4, 0);
      afterStep(before, model, manager, 1);

      Map<String, NDArray> saved = new HashMap<>();
      for (Map.Entry<String, NDArray> entry : before.averages().entrySet()) {
        NDArray copy = entry.getValue().duplicate(); // in the averages' manager, closed below
        copy.attach(manager);
        saved.put(entry.getKey(), copy);
      }
      before.close();
      EmaMethod after = new EmaMethod(1, 1);
      after.restoreAverages(model, saved);
      setWeights(model, 7, 0);
      afterStep(after, model, manager, 2);
      assertEquals(5f, average(after, "weight"));
    }
  }

  @Test
  void restoringAveragesOfAnotherModelIsRejected() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = tinyLinear(manager);
      EmaMethod ema = new EmaMethod(1, 1);
      Map<String, NDArray> wrongNames = Map.of("weight", manager.zeros(new Shape(1, 1)));
      assertThrows(InvalidInputException.class, () -> ema.restoreAverages(model, wrongNames));
      Map<String, NDArray> wrongShape =
          Map.of("weight", manager.zeros(new Shape(2, 1)), "bias", manager.zeros(new Shape(1)));
      assertThrows(InvalidInputException.class, () -> ema.restoreAverages(model, wrongShape));
    }
  }

  @Test
  void nonPositiveHalfLifeOrIntervalIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new EmaMethod(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new EmaMethod(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new EmaMethod(1, 1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new EmaMethod(1, 1, -0.1));
  }
}
