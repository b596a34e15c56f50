package dev.hasten.runtime.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.hasten.runtime.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AveragedWeightsTest {

  /** Linear(1) then BatchNorm: a weight, a bias, BatchNorm's gamma, beta and statistics. */
  private static SequentialBlock model(NDManager manager) {
    SequentialBlock model = new SequentialBlock();
    model.add(Linear.builder().setUnits(1).build()).add(BatchNorm.builder().build());
    model.initialize(manager, DataType.FLOAT32, new Shape(2, 1));
    return model;
  }

  private static Parameter named(SequentialBlock model, String suffix) {
    List<String> names = model.getParameters().keys();
    String name = names.stream().filter(n -> n.endsWith(suffix)).findFirst().orElseThrow();
    return model.getParameters().get(name);
  }

  private static void set(Parameter parameter, float value) {
    parameter.getArray().set(new float[] {value});
  }

  private static float value(Parameter parameter) {
    return parameter.getArray().toFloatArray()[0];
  }

  @Test
  void statisticsLeftOutOfTheAverageComeBackExactlyWhateverHappenedWhileItWasIn() {
    // SWA's use: the weight is averaged, the running mean is not. Start at w = 2, update with
    // keep ½ at w = 6: (2 − 6)·½ + 6 = 4. Swapped in, the weight is 4 and the mean is the
    // training one (1/3); the method then overwrites the mean (as a BatchNorm re-estimate does),
    // and swapping out gives training back w = 6 and mean 1/3, exactly.
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock model = model(manager);
      Parameter weight = named(model, "_weight");
      Parameter mean = named(model, "runningMean");
      AveragedWeights weights =
          new AveragedWeights("SWA", AveragedWeights.withoutRunningStatistics());
      assertTrue(weights.isEmpty());
      assertFalse(weights.swapIn(model), "nothing to swap in before the start");
      weights.swapOut(model);

      set(weight, 2);
      weights.start(model);
      assertFalse(weights.averages().keySet().stream().anyMatch(n -> n.contains("running")));
      set(weight, 6);
      weights.update(0.5);
      set(mean, 1f / 3f);

      assertTrue(weights.swapIn(model));
      assertEquals(4f, value(weight));
      assertEquals(1f / 3f, value(mean));
      set(mean, 100);
      assertThrows(IllegalStateException.class, () -> weights.update(0.5));
      weights.swapOut(model);

      assertEquals(6f, value(weight));
      assertEquals(1f / 3f, value(mean));
      weights.close();
    }
  }

  @Test
  void savedAndLoadedUnderAPrefixTheAverageIsTheSameAndOtherEntriesAreIgnored() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock model = model(manager);
      Parameter weight = named(model, "_weight");
      AveragedWeights first = new AveragedWeights("EMA", AveragedWeights.everyParameter());
      set(weight, 3);
      first.start(model);
      Map<String, NDArray> state = new LinkedHashMap<>();
      state.put("count", manager.create(1L));
      first.save(state, manager, "average/");
      first.close();

      AveragedWeights second = new AveragedWeights("EMA", AveragedWeights.everyParameter());
      set(weight, 9);
      second.load(model, state, "average/");
      assertEquals(model.getParameters().keys(), List.copyOf(second.averages().keySet()));
      second.swapIn(model);
      assertEquals(3f, value(weight));
      second.swapOut(model);
      assertEquals(9f, value(weight));

      state.remove(state.keySet().stream().filter(k -> k.endsWith("_weight")).findFirst().get());
      InvalidInputException missing =
          assertThrows(InvalidInputException.class, () -> second.load(model, state, "average/"));
      assertTrue(
          missing.getMessage().contains("belongs to another pipeline"), missing.getMessage());
      float kept = second.averages().values().iterator().next().toFloatArray()[0];
      assertEquals(3f, kept, "a refused checkpoint leaves the average as it was");
    }
  }
}
