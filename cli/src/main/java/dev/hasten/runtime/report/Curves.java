package dev.hasten.runtime.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code curves.png}: a run's loss and test accuracy against training time (evaluation excluded, as
 * in metrics.jsonl), drawn from its {@code metrics.jsonl} when the run ends. Two panels side by
 * side: training and test loss on the left, test accuracy on the right.
 */
public final class Curves {
  public static final String FILE_NAME = "curves.png";

  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 400;

  private Curves() {}

  /** Draws {@code dir/curves.png} from {@code dir/metrics.jsonl}. */
  public static Path write(Path dir, String title) throws IOException {
    Plots.headless();
    MetricsHistory history = MetricsHistory.read(dir);
    XYChart loss = panel(title + ": loss", "loss");
    loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    addLine(
        loss,
        "train loss",
        history.training(),
        MetricsHistory.TrainingPoint::timeSeconds,
        MetricsHistory.TrainingPoint::trainLoss,
        false);
    addLine(
        loss,
        "test loss",
        history.evaluations(),
        MetricsHistory.EvalPoint::timeSeconds,
        MetricsHistory.EvalPoint::testLoss,
        true);
    XYChart accuracy = panel(title + ": test accuracy", "test accuracy");
    addLine(
        accuracy,
        "test accuracy",
        history.evaluations(),
        MetricsHistory.EvalPoint::timeSeconds,
        MetricsHistory.EvalPoint::testAcc,
        true);
    Path file = dir.resolve(FILE_NAME);
    BitmapEncoder.saveBitmap(
        List.of(loss, accuracy), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    return file;
  }

  /**
   * Draws {@code dir/curves.png}, or says on stderr why it could not: a plot is a by-product, and a
   * run that trained must not fail for want of one (a missing metrics file, no fonts).
   */
  public static void writeOrWarn(Path dir, String title) {
    try {
      write(dir, title);
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("hasten: warning: cannot draw " + FILE_NAME + " in " + dir + ": " + e);
    }
  }

  private static XYChart panel(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle("training time (s, evaluation excluded)")
            .yAxisTitle(yTitle)
            .build();
    Plots.style(chart);
    return chart;
  }

  private static <T> void addLine(
      XYChart chart,
      String name,
      List<T> points,
      ToDoubleFunction<T> x,
      ToDoubleFunction<T> y,
      boolean markers) {
    // XChart refuses an empty series and draws NaN as a gap only in some renderers: keep the
    // finite points, and leave the series out when none remain (a run stopped before its first
    // log).
    double[] xs =
        points.stream().filter(p -> Double.isFinite(y.applyAsDouble(p))).mapToDouble(x).toArray();
    double[] ys = points.stream().mapToDouble(y).filter(Double::isFinite).toArray();
    if (xs.length == 0) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }
}
