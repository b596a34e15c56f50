package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.hasten.runtime.loop.Run;
import dev.hasten.runtime.model.Models;
import dev.hasten.runtime.optim.SgdOptimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataPruning's FIT_START in a real run. */
class DataPruningRunTest {
  @TempDir Path out;

  @Test
  void afterScoringEveryParameterHoldsItsInitialValuesAgainAndTheRunKeepsTheFraction() {
    // 256 random 28×28 examples, batch 64, keep 0.5: 128 examples, 2 steps an epoch. The
    // warm-up trains the CNN for an epoch; then every parameter (weights and BatchNorm running
    // statistics) must hold exactly what it held before.
    Block cnn = new Models().baselineCnn(10);
    SgdOptimizer sgd = SgdOptimizer.builder().setLearningRate(0.05).build();
    try (NDManager manager = NDManager.newBaseManager();
        Run run = SmallImageRuns.open(manager, out, cnn, 256, 28, 64, 1, sgd)) {
      List<float[]> before = values(cnn);
      new DataPruningMethod(0.5, 1, 0.05).onFitStart(run);
      List<float[]> after = values(cnn);
      for (int i = 0; i < before.size(); i++) {
        assertArrayEquals(before.get(i), after.get(i), "parameter " + i);
      }
      assertEquals(128, run.trainData().size());
      assertEquals(2, run.stepsPerEpoch());
    }
  }

  private static List<float[]> values(Block model) {
    List<float[]> values = new ArrayList<>();
    for (Pair<String, Parameter> named : model.getParameters()) {
      values.add(named.getValue().getArray().toFloatArray());
    }
    return values;
  }
}
