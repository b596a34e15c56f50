package dev.hasten.runtime.cli;

import com.google.inject.AbstractModule;
import dev.hasten.runtime.report.Curves;
import dev.hasten.runtime.report.ProgressDisplay;
import dev.hasten.runtime.report.RunPlots;

/**
 * What a run started from the command line adds to the runtime's bindings: a progress bar on the
 * terminal ({@link TerminalProgress}) and {@code curves.png} when the run ends. Given to {@link
 * dev.hasten.runtime.Hasten#train(Class, dev.hasten.runtime.RunOptions,
 * com.google.inject.Module...)}, whose runtime module binds plain lines and no plots.
 */
public final class TerminalModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(ProgressDisplay.class).to(TerminalProgress.class);
    bind(RunPlots.class).toInstance(Curves::writeOrWarn);
  }
}
