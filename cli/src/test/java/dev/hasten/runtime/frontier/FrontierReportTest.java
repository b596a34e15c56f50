package dev.hasten.runtime.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.report.MetricsHistory;
import dev.hasten.runtime.report.MetricsHistory.EvalPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table, CSV and plot of a frontier made of hand-made runs. */
class FrontierReportTest {
  @TempDir Path tmp;

  static FrontierRun baseline(int epochs, double seconds, double acc) {
    MetricsHistory history =
        new MetricsHistory(
            List.of(), List.of(new EvalPoint(epochs * 100L, epochs - 1, seconds, acc, 0.3)));
    return new FrontierRun(
        FrontierRun.Role.BASELINE,
        "Base",
        epochs,
        seconds,
        acc,
        acc,
        history,
        Path.of("runs/Base-" + epochs + "ep"));
  }

  /** The frontier of ParetoFrontierTest's points A–E, and a dominated budget. */
  static List<FrontierRun> runs() {
    List<FrontierRun> runs = new ArrayList<>();
    runs.add(baseline(1, 40, 0.870));
    runs.add(baseline(2, 75, 0.900));
    runs.add(baseline(4, 160, 0.915));
    runs.add(baseline(5, 200, 0.910));
    runs.add(baseline(8, 330, 0.925));
    runs.add(baseline(16, 650, 0.926));
    MetricsHistory fast =
        new MetricsHistory(
            List.of(),
            List.of(
                new EvalPoint(100, 0, 20, 0.900, 0.3),
                new EvalPoint(200, 1, 41, 0.921, 0.25),
                new EvalPoint(300, 2, 62, 0.930, 0.22)));
    runs.add(
        new FrontierRun(
            FrontierRun.Role.PIPELINE,
            "Fast",
            3,
            62,
            0.930,
            0.930,
            fast,
            Path.of("runs/Fast-3ep")));
    MetricsHistory slow =
        new MetricsHistory(List.of(), List.of(new EvalPoint(100, 0, 30, 0.91, 0.3)));
    runs.add(
        new FrontierRun(
            FrontierRun.Role.PIPELINE, "Slow", 1, 30, 0.91, 0.91, slow, Path.of("runs/Slow-1ep")));
    return runs;
  }

  @Test
  void pipelineTimeIsItsFirstEvaluationAtTheTargetAndSpeedupIsTheRatio() {
    List<FrontierReport.Row> rows = new FrontierReport(runs(), 0.92).rows();
    assertEquals(2, rows.size());
    FrontierReport.Row fast = rows.get(0);
    // Fast reaches 0.921 at its second evaluation, 41 s; the frontier needs 245 s
    // (ParetoFrontierTest: halfway between 160 s and 330 s); 245 / 41 = 5.9756...
    assertEquals(41.0, fast.timeToTarget(), 1e-9);
    assertEquals(245.0, fast.frontierTimeToTarget(), 1e-9);
    assertEquals(245.0 / 41.0, fast.speedup(), 1e-9);
    FrontierReport.Row slow = rows.get(1);
    assertTrue(Double.isNaN(slow.timeToTarget()));
    assertTrue(Double.isNaN(slow.speedup()));
  }

  @Test
  void dominatedBudgetIsMarkedOffTheFrontier() {
    String md = new FrontierReport(runs(), 0.92).markdown();
    assertTrue(md.contains("| Base (budget, dominated) | 5 | 200.0 | 91.00% |"), md);
    assertTrue(md.contains("| Base (budget, on the frontier) | 4 | 160.0 | 91.50% |"), md);
    assertTrue(md.contains("| Fast | 3 | 62.0 | 93.00% | 41.0 | 245.0 | 5.98× |"), md);
    assertTrue(md.contains("| Slow | 1 | 30.0 | 91.00% | not reached | 245.0 | – |"), md);
  }

  @Test
  void writesCsvMarkdownAndPlot() throws IOException {
    new FrontierReport(runs(), 0.92).write(tmp);
    List<String> csv = Files.readAllLines(tmp.resolve(FrontierReport.CSV));
    assertEquals(1 + 8, csv.size());
    assertTrue(csv.get(0).startsWith("role,pipeline,epochs,train_seconds,final_test_acc"));
    assertTrue(
        csv.contains("baseline,Base,5,200.0,0.91,0.91,NaN,0.92,245.0,,false,runs/Base-5ep"),
        csv.toString());
    assertTrue(
        csv.contains(
            "pipeline,Fast,3,62.0,0.93,0.93,41.0,0.92,245.0," + (245.0 / 41.0) + ",,runs/Fast-3ep"),
        csv.toString());
    assertTrue(Files.readString(tmp.resolve(FrontierReport.MARKDOWN)).startsWith("| pipeline |"));
    byte[] png = Files.readAllBytes(tmp.resolve(FrontierReport.PLOT));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void theAccuracyAxisStopsAQuarterBelowTheWeakestBudgetSoADivergedRunDoesNotFlattenThePlot()
      throws IOException {
    // The weakest budget is 87.0%: the floor is 62.0%. NaN budgets do not count.
    List<FrontierRun> budgets =
        List.of(baseline(1, 40, 0.870), baseline(2, 75, Double.NaN), baseline(4, 160, 0.915));
    assertEquals(0.62, FrontierPlot.accuracyFloor(budgets), 1e-12);
    assertEquals(0.0, FrontierPlot.accuracyFloor(List.of(baseline(1, 40, 0.20))), 0.0);
    assertEquals(0.0, FrontierPlot.accuracyFloor(List.of()), 0.0);

    // A pipeline every evaluation of which is at chance, next to one with points on both sides.
    List<FrontierRun> runs = new ArrayList<>(budgets);
    MetricsHistory diverged =
        new MetricsHistory(
            List.of(),
            List.of(new EvalPoint(100, 0, 15, 0.10, 2.3), new EvalPoint(200, 1, 30, 0.10, 2.3)));
    runs.add(
        new FrontierRun(
            FrontierRun.Role.PIPELINE,
            "Diverged",
            2,
            30,
            0.10,
            0.10,
            diverged,
            Path.of("runs/Diverged-2ep")));
    MetricsHistory late =
        new MetricsHistory(
            List.of(),
            List.of(new EvalPoint(100, 0, 20, 0.40, 1.5), new EvalPoint(200, 1, 40, 0.90, 0.3)));
    runs.add(
        new FrontierRun(
            FrontierRun.Role.PIPELINE, "Late", 2, 40, 0.90, 0.90, late, Path.of("runs/Late-2ep")));
    new FrontierReport(runs, 0.92).write(tmp);
    assertTrue(Files.size(tmp.resolve(FrontierReport.PLOT)) > 0);
  }
}
