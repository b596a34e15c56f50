package dev.hasten.runtime.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.Pipeline;
import dev.hasten.runtime.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frontier judged by a test loss, from run folders written by hand as a language model's runs
 * write them (metrics.jsonl eval lines with test_loss and bits_per_char, and a summary.json): the
 * sweep finds every run finished and reads it back, so nothing is trained.
 */
class FrontierLossTargetTest {
  @TempDir Path tmp;

  @Pipeline(epochs = 16)
  static final class Lm {}

  @Pipeline(epochs = 2)
  static final class LmFast {}

  @Pipeline(epochs = 2)
  static final class LmAccurate {}

  /**
   * A run's folder as a language model's run writes it: one eval line per (time, accuracy, loss),
   * and a summary of the last one, with the best accuracy and the lowest loss.
   */
  private void run(String name, int epochs, double[][] evaluations) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("runs").resolve(name + "-" + epochs + "ep"));
    StringBuilder metrics = new StringBuilder();
    double best = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < evaluations.length; i++) {
      double[] e = evaluations[i];
      best = Math.max(best, e[1]);
      lowest = Math.min(lowest, e[2]);
      metrics.append(
          String.format(
              Locale.ROOT,
              "{\"step\":%d,\"epoch\":%d,\"time_s\":%s,\"train_loss\":3.0,\"lr\":0.001}%n"
                  + "{\"event\":\"eval\",\"epoch\":%d,\"step\":%d,\"time_s\":%s,\"test_acc\":%s,"
                  + "\"test_loss\":%s,\"bits_per_char\":%s}%n",
              100 * (i + 1),
              i,
              e[0],
              i,
              100 * (i + 1),
              e[0],
              e[1],
              e[2],
              e[2] / Math.log(2)));
    }
    Files.writeString(dir.resolve("metrics.jsonl"), metrics.toString());
    double[] last = evaluations[evaluations.length - 1];
    Files.writeString(
        dir.resolve("summary.json"),
        String.format(
            Locale.ROOT,
            "{\"pipeline\":\"%s\",\"speedups\":[],\"epochs\":%d,\"steps\":%d,\"train_seconds\":%s,"
                + "\"images_per_second\":0.0,\"final_test_acc\":%s,\"best_test_acc\":%s,"
                + "\"device\":\"cpu()\",\"final_test_loss\":%s,\"best_test_loss\":%s}%n",
            name,
            epochs,
            100 * evaluations.length,
            last[0],
            last[1],
            best,
            last[2],
            lowest));
  }

  @BeforeEach
  void writeTheRuns() throws IOException {
    // The baseline's budgets, final losses falling with time except the 8-epoch one, which is
    // slower than the 4-epoch one and worse (a dominated point).
    run("Lm", 1, new double[][] {{40, 0.30, 2.40}});
    run("Lm", 4, new double[][] {{40, 0.30, 2.50}, {160, 0.50, 1.60}});
    run("Lm", 8, new double[][] {{40, 0.30, 2.50}, {320, 0.52, 1.65}});
    run("Lm", 16, new double[][] {{40, 0.30, 2.60}, {640, 0.60, 1.20}});
    // Reaches 1.5 exactly at its second evaluation: "at or below" counts it.
    run("LmFast", 2, new double[][] {{30, 0.40, 1.90}, {60, 0.45, 1.50}});
    // The best accuracy of all, but its loss never gets to 1.5: a loss target ignores accuracy.
    run("LmAccurate", 2, new double[][] {{50, 0.90, 1.80}, {100, 0.95, 1.70}});
  }

  private FrontierReport report() throws IOException {
    FrontierSweep.Trainer refusing =
        (p, o) -> {
          throw new AssertionError("trained: " + p.getSimpleName());
        };
    List<FrontierRun> runs =
        FrontierSweep.plan(
                Lm.class,
                List.of(1, 4, 8, 16),
                List.of(LmFast.class, LmAccurate.class),
                tmp,
                RunOptions.defaults(),
                refusing,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run();
    return new FrontierReport(runs, FrontierTarget.loss(1.5));
  }

  @Test
  void timeToTargetIsTheFirstEvaluationAtOrBelowTheLossAndTheFrontierInterpolatesLosses()
      throws IOException {
    List<FrontierReport.Row> rows = report().rows();
    // The frontier's line: 1 ep (40 s, 2.40), 4 ep (160 s, 1.60), 16 ep (640 s, 1.20); 8 ep is
    // dominated. 1.5 is a quarter of the way from 1.60 down to 1.20:
    // 160 + (1.5 - 1.6) / (1.2 - 1.6) * (640 - 160) = 160 + 0.25 * 480 = 280 s.
    FrontierReport.Row fast = rows.get(0);
    assertEquals("LmFast", fast.run().pipeline());
    assertEquals(60.0, fast.timeToTarget(), 1e-9);
    assertEquals(280.0, fast.frontierTimeToTarget(), 1e-9);
    assertEquals(280.0 / 60.0, fast.speedup(), 1e-9);
    FrontierReport.Row accurate = rows.get(1);
    assertTrue(Double.isNaN(accurate.timeToTarget()));
  }

  @Test
  void theTableSaysLossWhereItIsLoss() throws IOException {
    String md = report().markdown();
    assertTrue(
        md.startsWith(
            "| pipeline | epochs | training time (s) | final test loss | time to loss ≤ 1.5000 (s)"
                + " | baseline frontier to loss ≤ 1.5000 (s) | speedup |\n"),
        md);
    assertTrue(md.contains("| LmFast | 2 | 60.0 | 1.5000 | 60.0 | 280.0 | 4.67× |"), md);
    assertTrue(md.contains("| LmAccurate | 2 | 100.0 | 1.7000 | not reached | 280.0 | – |"), md);
    assertTrue(
        md.contains("| Lm (budget, dominated) | 8 | 320.0 | 1.6500 | not reached | | |"), md);
    // The 16-epoch budget first got to 1.5 or below at its last evaluation, 640 s.
    assertTrue(
        md.contains("| Lm (budget, on the frontier) | 16 | 640.0 | 1.2000 | 640.0 | | |"), md);
    assertFalse(md.contains("acc") || md.contains("%"), md);
  }

  @Test
  void theCsvNamesTheLossColumnsAndThePlotIsWritten() throws IOException {
    FrontierReport report = report();
    report.write(tmp);
    List<String> csv = Files.readAllLines(tmp.resolve(FrontierReport.CSV));
    assertEquals(
        "role,pipeline,epochs,train_seconds,final_test_loss,best_test_loss,time_to_target_s,"
            + "target,frontier_time_to_target_s,speedup,on_frontier,dir",
        csv.get(0));
    // The 4-epoch budget: final loss 1.6, best 1.6 (its first evaluation was 2.5), never 1.5;
    // the frontier's 280 s comes out of floating point within a few ulps.
    String[] four =
        csv.stream()
            .filter(l -> l.startsWith("baseline,Lm,4,"))
            .findFirst()
            .orElseThrow()
            .split(",");
    assertEquals(
        List.of("baseline", "Lm", "4", "160.0", "1.6", "1.6", "NaN", "1.5"),
        List.of(four).subList(0, 8));
    assertEquals(280.0, Double.parseDouble(four[8]), 1e-9);
    assertEquals(
        List.of("", "true", tmp.resolve("runs/Lm-4ep").toString()), List.of(four).subList(9, 12));
    byte[] png = Files.readAllBytes(tmp.resolve(FrontierReport.PLOT));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void theLossAxisStopsAtOneAndAHalfTimesTheWorstBudget() throws IOException {
    // The worst final loss of a budget is the 1-epoch one's, 2.40: the ceiling is 3.60.
    FrontierReport report = report();
    assertEquals(
        3.6, FrontierPlot.lossCeiling(report.baselineRuns(), FrontierTarget.loss(1.5)), 1e-12);
  }
}
