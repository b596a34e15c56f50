package dev.hasten.samples.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.speedup.Sam;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.cli.MethodsTable;
import dev.hasten.samples.bench.MethodsBenchmark;
import dev.hasten.samples.bench.MethodsDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/METHODS.md is what {@link MethodsDoc} makes of the annotations and the measurements now: a
 * change to a method's declaration, or new measurements, must come with the regenerated file.
 */
class MethodsDocTest {
  /** The repository root, seen from the samples module where surefire runs. */
  private static final Path ROOT = Paths.get("..");

  @Test
  void methodsDocIsUpToDate() throws IOException {
    String expected = MethodsDoc.render(ROOT.resolve(MethodsBenchmark.RESULTS));
    Path doc = ROOT.resolve(MethodsDoc.FILE);
    if (Boolean.getBoolean("hasten.writeDocs")) {
      Files.writeString(doc, expected);
    }
    String actual = Files.exists(doc) ? Files.readString(doc) : "";
    assertEquals(
        expected,
        actual,
        MethodsDoc.FILE
            + " is stale: refresh it with `./hasten-bench MethodsDoc` from the repository root (or"
            + " `mvn -B -o -pl samples test -Dtest=MethodsDocTest -Dhasten.writeDocs=true`)");
  }

  @Test
  void everyBuiltInMethodHasARowAndASection() throws IOException {
    String doc = MethodsDoc.render(ROOT.resolve(MethodsBenchmark.RESULTS));
    assertEquals(26, SpeedupCatalog.BUILT_IN.size());
    for (Class<?> type : SpeedupCatalog.BUILT_IN) {
      assertTrue(doc.contains("\n| @" + type.getSimpleName() + " | "), type.getSimpleName());
      assertTrue(doc.contains("\n### @" + type.getSimpleName() + "\n"), type.getSimpleName());
    }
    assertTrue(
        doc.contains("- conflicts with @GradientClipping: @Sam computes the gradient again"));
    for (String optimizer : List.of("Sgd", "AdamW", "Muon")) {
      assertTrue(doc.contains("\n### @" + optimizer + "\n"), optimizer);
    }
    assertEquals(
        List.of("@Sam", "OPTIMIZATION", "FEWER_STEPS", "-", "optimizer-step"),
        MethodsTable.row(Sam.class).subList(0, 5));
  }
}
