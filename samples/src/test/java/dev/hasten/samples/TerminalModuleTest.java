package dev.hasten.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.cli.TerminalModule;
import dev.hasten.samples.linear.FashionLinear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime draws no plots; the command line's bindings add {@code curves.png}. Both runs have
 * hasten-cli on their class path: only the module given to the run decides.
 */
class TerminalModuleTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void copySubset() throws IOException {
    data = SubsetData.copyTo(tmp.resolve("data"));
  }

  private static RunOptions options(String runName) {
    return RunOptions.defaults()
        .withData(data)
        .withOut(tmp.resolve(runName))
        .withMaxSteps(3)
        .withProgressBar(false);
  }

  @Test
  void aRunOfTheLibraryAloneDrawsNoPlots() {
    Hasten.train(FashionLinear.class, options("library"));
    assertTrue(Files.exists(tmp.resolve("library/summary.json")));
    assertFalse(Files.exists(tmp.resolve("library/curves.png")));
  }

  @Test
  void theCommandLinesModuleDrawsTheCurves() {
    Hasten.train(FashionLinear.class, options("cli"), new TerminalModule());
    assertTrue(Files.exists(tmp.resolve("cli/curves.png")));
  }
}
