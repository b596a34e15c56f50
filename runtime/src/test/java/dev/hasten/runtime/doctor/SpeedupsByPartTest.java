package dev.hasten.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The doctor names each part's speedups in the order the generated loop calls them. */
class SpeedupsByPartTest {
  /** Written MixUp first; the loop calls the CHEAPER_STEPS ProgressiveResizing before it. */
  @Pipeline(epochs = 1)
  @Ema
  @MixUp
  @LabelSmoothing
  @ProgressiveResizing
  static final class WrittenOutOfLoopOrder {}

  @Test
  void eachPartListsItsSpeedupsInLoopOrder() {
    Map<Part, List<String>> byPart =
        DoctorReport.speedupsByPart(PipelineSpeedups.of(WrittenOutOfLoopOrder.class));
    assertEquals(List.of("ProgressiveResizing", "MixUp"), byPart.get(Part.BATCH_STAGE));
    assertEquals(List.of("LabelSmoothing"), byPart.get(Part.LOSS_STAGE));
    assertEquals(List.of("Ema"), byPart.get(Part.AFTER_STEP_STAGE));
    assertEquals(List.of("Ema"), byPart.get(Part.BETWEEN_STEPS), "its EVAL swap");
    assertEquals(List.of(), byPart.get(Part.FORWARD));
  }
}
