package dev.hasten.runtime.report;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** What every Hasten plot shares: headless rendering and one plain style. */
public final class Plots {
  private Plots() {}

  /**
   * Plots are drawn on servers without a display: AWT must not look for one. Only sets the property
   * when the user has not chosen.
   */
  public static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** White background, grid, legend inside the plot. */
  public static void style(XYChart chart) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setToolTipsEnabled(false);
  }
}
