package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.optim.CosineSchedule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoupledWeightDecayMethodTest {
  @TempDir Path tmp;

  private static Parameter parameter(Block model, String suffix) {
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getKey().endsWith(suffix)) {
        return p.getValue();
      }
    }
    throw new AssertionError("no " + suffix);
  }

  private static float value(Block model, String suffix) {
    return parameter(model, suffix).getArray().toFloatArray()[0];
  }

  @Test
  void decaysAScalarByLrTimesWeightDecayWithTheGradientUntouched() {
    // w = 2, b = 0.5 (both with gradient 3 and 1 from L = 1·(w·3 + b)), lr 0.1, wd 0.5:
    // factor 1 − 0.1·0.5 = 0.95 → w = 1.9, b = 0.475; gradients stay 3 and 1.
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          GradientClippingMethodTest.linearWithGradients(
              manager, new float[][] {{2}}, new float[] {0.5f}, new float[] {3}, new float[] {1});
      new DecoupledWeightDecayMethod(0.5, 0.1, new CosineSchedule(0)).decay(model, 0.1, manager);
      assertEquals(1.9f, value(model, "weight"), 1e-6);
      assertEquals(0.475f, value(model, "bias"), 1e-6);
      assertEquals(3f, parameter(model, "weight").getArray().getGradient().toFloatArray()[0]);
    }
  }

  @Test
  void aParameterWithoutGradientIsNotDecayedAsTheOptimizerSkipsIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model =
          GradientClippingMethodTest.linearWithGradients(
              manager, new float[][] {{2}}, new float[] {0.5f}, new float[] {3}, new float[] {1});
      parameter(model, "bias").freeze(true);
      new DecoupledWeightDecayMethod(0.5, 0.1, new CosineSchedule(0)).decay(model, 0.1, manager);
      assertEquals(1.9f, value(model, "weight"), 1e-6);
      assertEquals(0.5f, value(model, "bias"));
    }
  }

  @Test
  void followsTheScheduledRateOfTheStep() {
    // Cosine without warm-up over 10 steps, base 0.2: step 5 has lr = 0.2·½(1 + cos(π·5/10)) = 0.1.
    // wd 0.5: factor 0.95. The run's model starts with w = 2 (set here), so w = 1.9 after.
    try (NDManager manager = NDManager.newBaseManager();
        Run run =
            TinyRuns.open(manager, tmp, TinyRuns.linearModel(), 10, 1, new CosineSchedule(0))) {
      parameter(run.model(), "weight").getArray().set(new float[] {2});
      // A gradient on the weight, as after backward: L = w·x for the input 1.
      try (NDManager pass = manager.newSubManager();
          ai.djl.training.GradientCollector c = run.newGradientCollector()) {
        c.backward(
            run.model()
                .forward(
                    new ai.djl.training.ParameterStore(pass, false),
                    new ai.djl.ndarray.NDList(
                        pass.ones(new ai.djl.ndarray.types.Shape(1, 1, 1, 1))),
                    true)
                .singletonOrThrow()
                .sum());
      }
      DecoupledWeightDecayMethod decay =
          new DecoupledWeightDecayMethod(0.5, 0.2, new CosineSchedule(0));
      decay.onFitStart(run);
      try (NDManager stepManager = manager.newSubManager()) {
        decay.transformGradients(TinyRuns.step(run, stepManager, 5));
      }
      assertEquals(1.9f, value(run.model(), "weight"), 1e-6);
    }
  }
}
