package dev.hasten.runtime.report;

import java.nio.file.Path;

/**
 * Draws the plots of a finished run from the files it wrote. Bound in Guice; the runtime binds
 * {@link #NONE}, and the command line ({@code hasten-cli}) binds the one that draws {@code
 * curves.png}, so that an application depending on the runtime carries no plotting library.
 */
@FunctionalInterface
public interface RunPlots {
  /** Draws nothing. */
  RunPlots NONE = (outDir, title) -> {};

  /**
   * Draws into {@code outDir}, titled {@code title}. Never throws: a plot is a by-product, and a
   * run that trained must not fail for want of one; a failure is a warning on stderr.
   */
  void draw(Path outDir, String title);
}
