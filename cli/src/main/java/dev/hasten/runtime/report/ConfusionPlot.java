package dev.hasten.runtime.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A confusion matrix as a PNG heat map: true class by row, predicted class by column, counts shown.
 */
public final class ConfusionPlot {
  private ConfusionPlot() {}

  /**
   * Writes {@code confusion[true][predicted]} to {@code file} (a PNG).
   *
   * @param classNames the classes' names, by index
   */
  public static void write(Path file, long[][] confusion, List<String> classNames, String title)
      throws IOException {
    Plots.headless();
    int n = classNames.size();
    int side = Math.max(500, 60 * n + 200);
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(side)
            .height(side)
            .title(title)
            .xAxisTitle("predicted class")
            .yAxisTitle("true class")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setToolTipsEnabled(false);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x1f, 0x5f, 0xa8)});
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      for (int p = 0; p < n; p++) {
        // Rows from the top: the first class is drawn highest, as a matrix is read.
        cells.add(new Number[] {p, n - 1 - t, confusion[t][p]});
      }
    }
    List<String> rows = new ArrayList<>(classNames);
    java.util.Collections.reverse(rows);
    chart.addSeries("count", classNames, rows, cells);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
