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
import java.util.stream.DoubleStream;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code frontier.png}: test accuracy (or test loss, against a loss target) against training time.
 * The baseline's budgets are points (labelled with their epochs) joined by its Pareto line; each
 * judged pipeline is drawn as its evaluations, one point per epoch, so the plot shows where it
 * crosses the target; the target is a horizontal line.
 *
 * <p>The accuracy axis stops {@value #DEPTH_BELOW_BASELINE} below the baseline's weakest budget: a
 * pipeline that diverged (10%, chance, on Fashion-MNIST) would otherwise stretch the axis until
 * every line that matters is flat. The loss axis stops, for the same reason, at {@value
 * #LOSS_CEILING_FACTOR} times the baseline's worst final loss (a diverged language model sits at ln
 * 256 = 5.55 nats or beyond). Evaluations past the limit are drawn on it as triangles, in a series
 * whose name says how many there are and the worst value.
 */
final class FrontierPlot {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 640;
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  /** How far below the weakest baseline budget the accuracy axis reaches, as a fraction. */
  static final double DEPTH_BELOW_BASELINE = 0.25;

  /** How far above the baseline's worst final loss the loss axis reaches, as a factor. */
  static final double LOSS_CEILING_FACTOR = 1.5;

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

  /**
   * The highest loss drawn: {@link #LOSS_CEILING_FACTOR} times the baseline's worst final loss, or
   * no limit when no budget has a loss.
   */
  static double lossCeiling(List<FrontierRun> budgets, FrontierTarget target) {
    double worst =
        budgets.stream()
            .mapToDouble(target::finalOf)
            .filter(Double::isFinite)
            .max()
            .orElse(Double.NaN);
    return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst * LOSS_CEILING_FACTOR;
  }

  static void write(FrontierReport report, Path file) throws IOException {
    FrontierTarget target = report.target();
    boolean loss = target.lowerIsBetter();
    Plots.headless();
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Time to "
                    + (loss ? "loss" : "accuracy")
                    + ": pipelines against the "
                    + baselineName(report)
                    + " frontier")
            .xAxisTitle("training time (s, evaluation excluded)")
            .yAxisTitle(loss ? "test loss (nats per token)" : "test accuracy")
            .build();
    Plots.style(chart);
    chart
        .getStyler()
        .setLegendPosition(loss ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisDecimalPattern(loss ? "0.00" : "0.0%");

    double maxTime = 0;
    List<FrontierRun> budgets = report.baselineRuns();
    if (!budgets.isEmpty()) {
      double[] xs = budgets.stream().mapToDouble(FrontierRun::trainSeconds).toArray();
      double[] ys = budgets.stream().mapToDouble(target::finalOf).toArray();
      XYSeries points =
          chart.addSeries(
              baselineName(report) + " budgets (final " + (loss ? "loss" : "accuracy") + ")",
              xs,
              ys);
      points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      points.setMarker(SeriesMarkers.DIAMOND);
      points.setMarkerColor(Color.DARK_GRAY);
      for (FrontierRun r : budgets) {
        double value = target.finalOf(r);
        if (Double.isFinite(value)) {
          // The label sits just off the point, on the worse side of it.
          double offset = loss ? 0.01 * value : -0.0025;
          chart.addAnnotation(
              new AnnotationText(r.epochs() + " ep", r.trainSeconds(), value + offset, false));
        }
        maxTime = Math.max(maxTime, r.trainSeconds());
      }
      List<ParetoFrontier.Point> line = report.frontier().line();
      if (!line.isEmpty()) {
        XYSeries pareto =
            chart.addSeries(
                baselineName(report) + " Pareto line",
                line.stream().mapToDouble(ParetoFrontier.Point::seconds).toArray(),
                line.stream().mapToDouble(ParetoFrontier.Point::value).toArray());
        pareto.setMarker(SeriesMarkers.NONE);
        pareto.setLineColor(Color.DARK_GRAY);
        pareto.setLineWidth(2.5f);
      }
    }
    double limit = loss ? lossCeiling(budgets, target) : accuracyFloor(budgets);
    for (FrontierRun r : report.pipelineRuns()) {
      Map<Boolean, List<MetricsHistory.EvalPoint>> withinLimit =
          r.history().evaluations().stream()
              .filter(e -> Double.isFinite(target.of(e)))
              .collect(
                  Collectors.partitioningBy(
                      e -> loss ? target.of(e) <= limit : target.of(e) >= limit));
      List<MetricsHistory.EvalPoint> shown = withinLimit.get(true);
      List<MetricsHistory.EvalPoint> beyond = withinLimit.get(false);
      if (!shown.isEmpty()) {
        XYSeries s =
            chart.addSeries(
                r.pipeline() + " (each epoch)",
                shown.stream().mapToDouble(MetricsHistory.EvalPoint::timeSeconds).toArray(),
                shown.stream().mapToDouble(target::of).toArray());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineWidth(1.2f);
      }
      if (!beyond.isEmpty()) {
        DoubleStream values = beyond.stream().mapToDouble(target::of);
        double worst = (loss ? values.max() : values.min()).getAsDouble();
        XYSeries s =
            chart.addSeries(
                String.format(
                    Locale.ROOT,
                    "%s: %d evaluation%s %s %s, the %s %s",
                    r.pipeline(),
                    beyond.size(),
                    beyond.size() == 1 ? "" : "s",
                    loss ? "above" : "below",
                    target.format(limit),
                    loss ? "highest" : "lowest",
                    target.format(worst)),
                beyond.stream().mapToDouble(MetricsHistory.EvalPoint::timeSeconds).toArray(),
                beyond.stream().mapToDouble(e -> limit).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(loss ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
      }
      if (!shown.isEmpty() || !beyond.isEmpty()) {
        maxTime = Math.max(maxTime, r.trainSeconds());
      }
    }
    if (maxTime > 0) {
      XYSeries line =
          chart.addSeries(
              "target " + target.label(),
              new double[] {0, maxTime},
              new double[] {target.value(), target.value()});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(Color.RED);
      line.setLineStyle(DASHED);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static String baselineName(FrontierReport report) {
    return report.baselineRuns().isEmpty() ? "baseline" : report.baselineRuns().get(0).pipeline();
  }
}
