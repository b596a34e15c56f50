package dev.hasten.runtime.optim;

import static dev.hasten.runtime.optim.ScalarParameters.backwardOfSquares;
import static dev.hasten.runtime.optim.ScalarParameters.gradient;
import static dev.hasten.runtime.optim.ScalarParameters.scalar;
import static dev.hasten.runtime.optim.ScalarParameters.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdamWOptimizerTest {
  private static final float TOLERANCE = 1e-6f;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static AdamWOptimizer adamW() {
    return AdamWOptimizer.builder()
        .setLearningRate(0.1)
        .optBeta1(0.9)
        .optBeta2(0.999)
        .optWeightDecay(0.1)
        .build();
  }

  @Test
  void twoStepsFollowPyTorchAdamW() {
    // loss w², gradient 2w (taken before the update); lr 0.1, β1 0.9, β2 0.999, wd 0.1, eps 1e-8.
    // step 1 (t = 1): g = 2
    //   decay  w = 1·(1 − 0.1·0.1) = 0.99
    //   m = 0.1·2 = 0.2,  v = 0.001·4 = 0.004
    //   m̂ = 0.2 / 0.1 = 2,  v̂ = 0.004 / 0.001 = 4,  √v̂ = 2
    //   w = 0.99 − 0.1·2 / (2 + 1e-8) = 0.89 (+5e-10)
    // step 2 (t = 2): g = 2·0.89 = 1.78
    //   decay  w = 0.89·0.99 = 0.8811
    //   m = 0.9·0.2 + 0.1·1.78 = 0.358
    //   v = 0.999·0.004 + 0.001·1.78² = 0.003996 + 0.0031684 = 0.0071644
    //   m̂ = 0.358 / (1 − 0.81) = 0.358 / 0.19 = 1.88421053
    //   v̂ = 0.0071644 / (1 − 0.998001) = 0.0071644 / 0.001999 = 3.58399200,  √v̂ = 1.89314342
    //   w = 0.8811 − 0.1·1.88421053 / 1.89314342 = 0.8811 − 0.09952814 = 0.78157186
    Parameter w = scalar(manager, "w", 1f);
    try (AdamWOptimizer adamW = adamW()) {
      backwardOfSquares(w);
      adamW.update(List.of(w), 0.1);
      assertEquals(0.89f, value(w), TOLERANCE);
      assertEquals(0f, gradient(w), 0f);

      backwardOfSquares(w);
      adamW.update(List.of(w), 0.1);
      assertEquals(0.78157186f, value(w), TOLERANCE);
    }
  }

  @Test
  void firstStepMovesEachWeightByAboutTheLearningRateWhateverItsGradientScale() {
    // Without decay, t = 1: m̂ = g and √v̂ = |g|, so the step is lr·g/(|g| + eps) ≈ lr·sign(g).
    // w = 100 (g = 200) and w = −0.01 (g = −0.02) both move by 0.1 toward 0.
    Parameter big = scalar(manager, "big", 100f);
    Parameter small = scalar(manager, "small", -0.01f);
    try (AdamWOptimizer adamW =
        AdamWOptimizer.builder().setLearningRate(0.1).optWeightDecay(0).build()) {
      backwardOfSquares(big, small);
      adamW.update(List.of(big, small), 0.1);
      assertEquals(99.9f, value(big), 1e-4f);
      assertEquals(0.09f, value(small), TOLERANCE);
    }
  }

  @Test
  void savedStateIncludingTheStepCountResumesTheSameTrajectory() {
    Parameter w = scalar(manager, "w", 1f);
    ParameterList named = new ParameterList(List.of("w"), List.of(w));
    Map<String, NDArray> saved;
    try (AdamWOptimizer adamW = adamW()) {
      backwardOfSquares(w);
      adamW.update(List.of(w), 0.1);
      saved = adamW.saveState(named, manager);
    }
    assertEquals(1L, saved.get("step/w").getLong());
    try (AdamWOptimizer resumed = adamW()) {
      resumed.loadState(named, saved);
      backwardOfSquares(w);
      resumed.update(List.of(w), 0.1);
      // the second step of twoStepsFollowPyTorchAdamW: it needs m, v and t = 2
      assertEquals(0.78157186f, value(w), TOLERANCE);
    }
  }
}
