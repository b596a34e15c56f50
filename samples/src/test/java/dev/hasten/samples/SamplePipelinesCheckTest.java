package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.speedup.MixedPrecision;
import dev.hasten.runtime.RunResult;
import dev.hasten.testing.PipelineCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hasten-testing's one-step check passes on every pipeline of the samples (those of {@code ./hasten
 * train} and the benchmarks'), without their data.
 */
class SamplePipelinesCheckTest {
  /** The processor's index of the samples' own pipelines (not those of the tests). */
  static List<String> samplePipelines() throws IOException {
    List<String> names = new ArrayList<>();
    ClassLoader loader = SamplePipelinesCheckTest.class.getClassLoader();
    for (URL index : Collections.list(loader.getResources("META-INF/hasten/pipelines"))) {
      if (index.getPath().contains("test-classes")) {
        continue;
      }
      try (InputStream in = index.openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            names.add(line.trim());
          }
        }
      }
    }
    assertTrue(names.contains(FashionFast.class.getName()), names.toString());
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplePipelines")
  void runsOneStep(String name) throws ClassNotFoundException {
    Class<?> pipeline = Class.forName(name);
    if (pipeline.isAnnotationPresent(MixedPrecision.class)) {
      // The check runs on the CPU, where a run refuses mixed precision: the same refusal.
      AssertionError refused =
          assertThrows(AssertionError.class, () -> PipelineCheck.of(pipeline).runsOneStep());
      assertTrue(
          refused.getMessage().startsWith("@MixedPrecision needs a GPU"), refused.getMessage());
      return;
    }
    RunResult result = PipelineCheck.of(pipeline).runsOneStep();
    assertEquals(1, result.steps());
  }
}
