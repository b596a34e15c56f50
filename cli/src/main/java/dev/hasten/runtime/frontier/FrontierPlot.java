package dev.hasten.runtime.frontier;

import dev.hasten.runtime.report.MetricsHistory;
import dev.hasten.runtime.report.Plots;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code frontier.png}: test accuracy against training time. The baseline's budgets are points
 * (labelled with their epochs) joined by its Pareto line; each judged pipeline is drawn as its
 * evaluations, one point per epoch, so the plot shows where it crosses the target; the target is a
 * horizontal line.
 *
 * <p>The accuracy axis stops {@value #DEPTH_BELOW_BASELINE} below the baseline's weakest budget: a
 * pipeline that diverged (10%, chance, on Fashion-MNIST) would otherwise stretch the axis until
 * every line that matters is flat. Its evaluations below the floor are drawn on it as downward
 * triangles, in a series whose name says how many there are and the lowest accuracy.
 */
final class FrontierPlot {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 640;
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  /** How far below the weakest baseline budget the accuracy axis reaches, as a fraction. */
  static final double DEPTH_BELOW_BASELINE = 0.25;

  private FrontierPlot() {}

  /**
   * The lowest accuracy drawn: {@link #DEPTH_BELOW_BASELINE} below the baseline's weakest budget,
   * or 0 when no budget has an accuracy.
   */
  static double accuracyFloor(List<FrontierRun> budgets) {
    double weakest =
        budgets.stream()
            .mapToDouble(FrontierRun::finalTestAcc)
            .filter(Double::isFinite)
            .min()
            .orElse(Double.NaN);
    return Double.isNaN(weakest) ? 0 : Math.max(0, weakest - DEPTH_BELOW_BASELINE);
  }

  static void write(FrontierReport report, Path file) throws IOException {
    Plots.headless();
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Time to accuracy: pipelines against the " + baselineName(report) + " frontier")
            .xAxisTitle("training time (s, evaluation excluded)")
            .yAxisTitle("test accuracy")
            .build();
    Plots.style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisDecimalPattern("0.0%");

    double maxTime = 0;
    List<FrontierRun> budgets = report.baselineRuns();
    if (!budgets.isEmpty()) {
      double[] xs = budgets.stream().mapToDouble(FrontierRun::trainSeconds).toArray();
      double[] ys = budgets.stream().mapToDouble(FrontierRun::finalTestAcc).toArray();
      XYSeries points = chart.addSeries(baselineName(report) + " budgets (final accuracy)", xs, ys);
      points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      points.setMarker(SeriesMarkers.DIAMOND);
      points.setMarkerColor(Color.DARK_GRAY);
      for (FrontierRun r : budgets) {
        if (Double.isFinite(r.finalTestAcc())) {
          chart.addAnnotation(
              new AnnotationText(
                  r.epochs() + " ep", r.trainSeconds(), r.finalTestAcc() - 0.0025, false));
        }
        maxTime = Math.max(maxTime, r.trainSeconds());
      }
      List<ParetoFrontier.Point> line = report.frontier().line();
      if (!line.isEmpty()) {
        XYSeries pareto =
            chart.addSeries(
                baselineName(report) + " Pareto line",
                line.stream().mapToDouble(ParetoFrontier.Point::seconds).toArray(),
                line.stream().mapToDouble(ParetoFrontier.Point::accuracy).toArray());
        pareto.setMarker(SeriesMarkers.NONE);
        pareto.setLineColor(Color.DARK_GRAY);
        pareto.setLineWidth(2.5f);
      }
    }
    double floor = accuracyFloor(budgets);
    for (FrontierRun r : report.pipelineRuns()) {
      Map<Boolean, List<MetricsHistory.EvalPoint>> aboveFloor =
          r.history().evaluations().stream()
              .filter(e -> Double.isFinite(e.testAcc()))
              .collect(Collectors.partitioningBy(e -> e.testAcc() >= floor));
      List<MetricsHistory.EvalPoint> shown = aboveFloor.get(true);
      List<MetricsHistory.EvalPoint> below = aboveFloor.get(false);
      if (!shown.isEmpty()) {
        XYSeries s =
            chart.addSeries(
                r.pipeline() + " (each epoch)",
                shown.stream().mapToDouble(MetricsHistory.EvalPoint::timeSeconds).toArray(),
                shown.stream().mapToDouble(MetricsHistory.EvalPoint::testAcc).toArray());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineWidth(1.2f);
      }
      if (!below.isEmpty()) {
        double lowest =
            below.stream().mapToDouble(MetricsHistory.EvalPoint::testAcc).min().getAsDouble();
        XYSeries s =
            chart.addSeries(
                String.format(
                    Locale.ROOT,
                    "%s: %d evaluation%s below %s, the lowest %s",
                    r.pipeline(),
                    below.size(),
                    below.size() == 1 ? "" : "s",
                    FrontierReport.percent(floor),
                    FrontierReport.percent(lowest)),
                below.stream().mapToDouble(MetricsHistory.EvalPoint::timeSeconds).toArray(),
                below.stream().mapToDouble(e -> floor).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.TRIANGLE_DOWN);
      }
      if (!shown.isEmpty() || !below.isEmpty()) {
        maxTime = Math.max(maxTime, r.trainSeconds());
      }
    }
    if (maxTime > 0) {
      XYSeries target =
          chart.addSeries(
              String.format(Locale.ROOT, "target %s", FrontierReport.percent(report.target())),
              new double[] {0, maxTime},
              new double[] {report.target(), report.target()});
      target.setMarker(SeriesMarkers.NONE);
      target.setLineColor(Color.RED);
      target.setLineStyle(DASHED);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static String baselineName(FrontierReport report) {
    return report.baselineRuns().isEmpty() ? "baseline" : report.baselineRuns().get(0).pipeline();
  }
}
