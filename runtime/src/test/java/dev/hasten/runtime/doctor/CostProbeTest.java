package dev.hasten.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.hasten.dsl.GptSize;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.model.Models;
import org.junit.jupiter.api.Test;

/** The doctor's forward-pass probe on a transformer, whose inputs are token ids, not images. */
class CostProbeTest {
  static final RunSpec LANGUAGE =
      RunSpec.builder()
          .setPipeline("a.Lm")
          .setBatchSize(16)
          .setClasses(256)
          .optSequenceLength(32)
          .build();

  @Test
  void aLanguageModelsBatchIsWindowsOfTokenIds() {
    assertEquals(new Shape(16, 32), CostProbe.oneBatch(LANGUAGE, 16));
    assertEquals(DataType.INT64, CostProbe.inputType(LANGUAGE));
    RunSpec images = RunSpec.builder().setPipeline("a.Cnn").setImageShape(3, 32, 32).build();
    assertEquals(new Shape(8, 3, 32, 32), CostProbe.oneBatch(images, 8));
    assertEquals(DataType.FLOAT32, CostProbe.inputType(images));
  }

  @Test
  void theProbeTimesAGptAtBothBatchesAndLeavesNoArrayAlive() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block gpt = new Models().gpt(GptSize.TOY, 256, 32);
      gpt.initialize(manager, DataType.FLOAT32, new Shape(1, 32));
      int alive = manager.getManagedArrays().size();
      CostProbe probe = new CostProbe();
      probe.measure(gpt, LANGUAGE, manager, false);
      assertEquals(16, probe.fullBatch());
      assertEquals(2, probe.smallBatch());
      assertTrue(probe.forwardMillisFull() > 0, "full " + probe.forwardMillisFull());
      assertTrue(probe.forwardMillisSmall() > 0, "small " + probe.forwardMillisSmall());
      assertTrue(probe.microsPerCall() > 0);
      // The GPT attaches some of a pass's arrays to its parameters' manager; none may stay, or
      // the doctor would count them as the run's leak.
      assertEquals(alive, manager.getManagedArrays().size());
    }
  }
}
