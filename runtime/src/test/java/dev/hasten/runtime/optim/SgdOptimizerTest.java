package dev.hasten.runtime.optim;

import static dev.hasten.runtime.optim.ScalarParameters.backwardOfSquares;
import static dev.hasten.runtime.optim.ScalarParameters.gradient;
import static dev.hasten.runtime.optim.ScalarParameters.scalar;
import static dev.hasten.runtime.optim.ScalarParameters.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SgdOptimizerTest {
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

  private static SgdOptimizer sgd(boolean nesterov) {
    return SgdOptimizer.builder()
        .setLearningRate(0.1)
        .optMomentum(0.9)
        .optWeightDecay(0.1)
        .optNesterov(nesterov)
        .build();
  }

  @Test
  void twoStepsWithMomentumAndWeightDecayFollowPyTorch() {
    // loss w², so the gradient is 2w; lr 0.1, momentum 0.9, weight decay 0.1, w0 = 1.
    // step 1: g = 2·1 + 0.1·1 = 2.1;        b = g = 2.1;                 w = 1 − 0.1·2.1 = 0.79
    // step 2: g = 2·0.79 + 0.1·0.79 = 1.659; b = 0.9·2.1 + 1.659 = 3.549; w = 0.79 − 0.3549 =
    // 0.4351
    Parameter w = scalar(manager, "w", 1f);
    try (SgdOptimizer sgd = sgd(false)) {
      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      assertEquals(0.79f, value(w), TOLERANCE);

      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      assertEquals(0.4351f, value(w), TOLERANCE);
    }
  }

  @Test
  void nesterovStepsAlongTheGradientPlusMomentumTimesTheBuffer() {
    // Same setup with nesterov: d = g + 0.9·b.
    // step 1: g = 2.1;    b = 2.1;                       d = 2.1 + 1.89 = 3.99;        w = 1 −
    // 0.399 = 0.601
    // step 2: g = 2·0.601 + 0.0601 = 1.2621;  b = 0.9·2.1 + 1.2621 = 3.1521;
    //         d = 1.2621 + 0.9·3.1521 = 4.09899;                                 w = 0.601 −
    // 0.409899 = 0.191101
    Parameter w = scalar(manager, "w", 1f);
    try (SgdOptimizer sgd = sgd(true)) {
      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      assertEquals(0.601f, value(w), TOLERANCE);

      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      assertEquals(0.191101f, value(w), TOLERANCE);
    }
  }

  @Test
  void theLearningRateOfEachCallIsUsedNotTheBaseRate() {
    // PyTorch scales the whole step by the current lr (DJL's MXNet-style momentum would not):
    // step 1 at lr 0.1: b = 2.1, w = 0.79; step 2 at lr 0.05: b = 3.549, w = 0.79 − 0.05·3.549 =
    // 0.61255
    Parameter w = scalar(manager, "w", 1f);
    try (SgdOptimizer sgd = sgd(false)) {
      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      backwardOfSquares(w);
      sgd.update(List.of(w), 0.05);
      assertEquals(0.61255f, value(w), TOLERANCE);
    }
  }

  @Test
  void gradientsAreZeroAfterTheUpdate() {
    Parameter w = scalar(manager, "w", 3f);
    try (SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.5).build()) {
      backwardOfSquares(w);
      assertEquals(6f, gradient(w), TOLERANCE);
      sgd.update(List.of(w), 0.5);
      // plain SGD: w = 3 − 0.5·6 = 0
      assertEquals(0f, value(w), TOLERANCE);
      assertEquals(0f, gradient(w), 0f);
    }
  }

  @Test
  void frozenParametersAreLeftAlone() {
    Parameter trained = scalar(manager, "trained", 1f);
    Parameter frozen = scalar(manager, "frozen", 1f);
    try (SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.1).build()) {
      backwardOfSquares(trained, frozen);
      frozen.freeze(true);
      sgd.update(List.of(trained, frozen), 0.1);
      // w = 1 − 0.1·2 = 0.8 for the trained one only
      assertEquals(0.8f, value(trained), TOLERANCE);
      assertEquals(1f, value(frozen), 0f);
    }
  }

  @Test
  void savedMomentumRestoredInAFreshOptimizerContinuesTheSameTrajectory() {
    Parameter w = scalar(manager, "w", 1f);
    ParameterList named = new ParameterList(List.of("layer_weight"), List.of(w));
    Map<String, NDArray> saved;
    try (SgdOptimizer sgd = sgd(false)) {
      backwardOfSquares(w);
      sgd.update(List.of(w), 0.1);
      saved = sgd.saveState(named, manager);
    }
    assertEquals(2.1f, saved.get("momentum/layer_weight").getFloat(0), TOLERANCE);
    try (SgdOptimizer resumed = sgd(false)) {
      resumed.loadState(named, saved);
      backwardOfSquares(w);
      resumed.update(List.of(w), 0.1);
      // as the second step above: 0.4351, which needs the restored buffer 2.1
      assertEquals(0.4351f, value(w), TOLERANCE);
    }
  }

  @Test
  void nesterovWithoutMomentumIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SgdOptimizer.builder().setLearningRate(0.1).optNesterov(true).build());
  }
}
