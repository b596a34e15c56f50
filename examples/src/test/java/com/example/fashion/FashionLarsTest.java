package com.example.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.hasten.runtime.RunResult;
import dev.hasten.testing.PipelineCheck;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This project's own optimizer and schedule: their arithmetic by hand, and a real step. */
class FashionLarsTest {
  @Test
  void thePipelineTrainsAStepWithTheProjectsOwnOptimizerAndSchedule() {
    RunResult result = PipelineCheck.of(FashionLars.class).runsOneStep();
    assertEquals(1, result.steps());
  }

  @Test
  void theScheduleDecaysWithThePowerOfTheRemainingFraction() {
    PolySchedule schedule = new PolySchedule(FashionLars.class.getAnnotation(PolyLr.class));
    // base 2, power 2, 10 steps: 2·(1 − s/10)², so 2, 2·0.81, 2·0.25, 0 after the last step.
    assertEquals(2.0, schedule.learningRate(2.0, 0, 10), 1e-12);
    assertEquals(1.62, schedule.learningRate(2.0, 1, 10), 1e-12);
    assertEquals(0.5, schedule.learningRate(2.0, 5, 10), 1e-12);
    assertEquals(0.0, schedule.learningRate(2.0, 10, 10), 1e-12);
  }

  @Test
  void aStepScalesTheGradientByTheLayersTrustRatio() {
    LarsOptimizer lars = new LarsOptimizer(lars(1.0, 0.001, 0));
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      NDArray weights = manager.create(new float[] {3, 4});
      weights.setRequiresGradient(true);
      w.setArray(weights);
      // loss = 0.6·w0 + 0.8·w1: g = (0.6, 0.8), ‖g‖ = 1, ‖w‖ = 5, so local = 0.001·5/1 = 0.005
      // and w ← w − 1·0.005·g = (3 − 0.003, 4 − 0.004).
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        collector.backward(weights.mul(manager.create(new float[] {0.6f, 0.8f})).sum());
      }
      lars.update(List.of(w), 1.0);
      assertArrayEquals(new float[] {2.997f, 3.996f}, w.getArray().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void weightDecayJoinsTheGradientAndTheRatesDenominator() {
    LarsOptimizer lars = new LarsOptimizer(lars(1.0, 0.001, 0.2));
    // η·‖w‖ / (‖g‖ + β·‖w‖) = 0.001·5 / (1 + 0.2·5) = 0.0025
    assertEquals(0.0025, lars.localRate(5, 1), 1e-15);
    assertEquals(1.0, lars.localRate(0, 1), 0);
  }

  private static Lars lars(double lr, double trust, double weightDecay) {
    return new Lars() {
      @Override
      public double lr() {
        return lr;
      }

      @Override
      public double trust() {
        return trust;
      }

      @Override
      public double weightDecay() {
        return weightDecay;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return Lars.class;
      }
    };
  }
}
