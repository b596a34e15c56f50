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
      progress.evaluation(1, 468, TestScores.ofImages(0.88123, 0.3), 27.14);
    }
    assertEquals(
        "FashionMild epoch 2 step 468: test accuracy 88.12%, train loss 0.3310, 27.1 s of training"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLanguageModelsLineLeadsWithItsValidationLoss() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress progress = new PlainProgress(log, "KjvFast")) {
      progress.trainLoss(1.2836);
      // 1.30282 nats per byte is 1.30282 / ln 2 = 1.87958 bits per byte (character).
      progress.evaluation(7, 800, new TestScores(0.61203, 1.30282, 1.87958), 51.77);
    }
    assertEquals(
        "KjvFast epoch 8 step 800: test loss 1.3028 nats (1.880 bits per character), next-token"
            + " accuracy 61.20%, train loss 1.2836, 51.8 s of training"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theRuntimesDisplayDrawsNoBars() {
    assertTrue(ProgressDisplay.PLAIN.counter("caching", " images", 10).isEmpty());
  }
}
