package dev.hasten.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.jsonl read back, and curves.png drawn from it. */
class CurvesTest {
  @TempDir Path tmp;

  private void writeLog() throws IOException {
    try (MetricsLog log = new MetricsLog(tmp)) {
      log.training(50, 0, 2.5, 0.9, 0.05);
      log.training(100, 0, 5.0, 0.6, 0.05);
      log.evaluation(0, 100, 5.0, 0.85, 0.45);
      log.training(150, 1, 7.5, Double.NaN, 0.04);
      log.training(200, 1, 10.0, 0.4, 0.03);
      log.evaluation(1, 200, 10.0, 0.91, 0.30);
    }
  }

  @Test
  void historyReadsTrainingAndEvaluationLinesInOrder() throws IOException {
    writeLog();
    MetricsHistory h = MetricsHistory.read(tmp);
    assertEquals(4, h.training().size());
    assertEquals(2, h.evaluations().size());
    assertTrue(Double.isNaN(h.training().get(2).trainLoss()), "null in the file reads back as NaN");
    assertEquals(0.91, h.evaluations().get(1).testAcc(), 1e-12);
  }

  @Test
  void timeToReachIsTheFirstEvaluationAtOrAboveTheTarget() throws IOException {
    writeLog();
    MetricsHistory h = MetricsHistory.read(tmp);
    assertEquals(5.0, h.timeToReach(0.85).orElseThrow(), 1e-12);
    assertEquals(10.0, h.timeToReach(0.9).orElseThrow(), 1e-12);
    assertTrue(h.timeToReach(0.95).isEmpty());
  }

  @Test
  void curvesPngHasALossPanelAndAnAccuracyPanel() throws IOException {
    writeLog();
    Path file = Curves.write(tmp, "Test");
    assertEquals(tmp.resolve("curves.png"), file);
    BufferedImage image = ImageIO.read(file.toFile());
    // Two 560 x 400 panels side by side.
    assertEquals(1120, image.getWidth());
    assertEquals(400, image.getHeight());
  }

  @Test
  void aRunWithoutMetricsGetsAWarningNotAFailure() {
    Curves.writeOrWarn(tmp.resolve("missing"), "Test");
    assertTrue(Files.notExists(tmp.resolve("missing/curves.png")));
  }
}
