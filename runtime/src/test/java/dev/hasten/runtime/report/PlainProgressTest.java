package dev.hasten.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runtime's own progress: a line per evaluation, nothing per step, no bars. */
class PlainProgressTest {
  @Test
  void anEvaluationIsOneLineWithTheLastTrainingLoss() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress progress = new PlainProgress(log, "FashionMild")) {
      progress.step();
      progress.trainLoss(0.33104);
      progress.step();
      progress.evaluation(1, 468, 0.88123, 27.14);
    }
    assertEquals(
        "FashionMild epoch 2 step 468: test accuracy 88.12%, train loss 0.3310, 27.1 s of training"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theRuntimesDisplayDrawsNoBars() {
    assertTrue(ProgressDisplay.PLAIN.counter("caching", " images", 10).isEmpty());
  }
}
