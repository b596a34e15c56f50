package com.example.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.runtime.RunResult;
import dev.hasten.testing.PipelineCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class FashionNoisyTest {
  @Test
  void runsOneStepWithItsSpeedups() {
    RunResult result = PipelineCheck.of(FashionNoisy.class).runsOneStep();
    assertEquals(1, result.steps());
    assertEquals(List.of("GaussianNoise", "LabelSmoothing"), result.speedups());
  }
}
