package dev.hasten.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.runtime.InvalidInputException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCatalogTest {
  /** Stands for a pipeline declared as a nested class, as the samples' benchmark pipelines are. */
  static class NestedPipeline {}

  @TempDir Path tmp;

  private ClassLoader loaderListing(String... names) throws Exception {
    Path list = tmp.resolve(PipelineCatalog.RESOURCE);
    Files.createDirectories(list.getParent());
    Files.writeString(list, String.join("\n", names) + "\n");
    return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void nestedPipelineIsFoundByItsSimpleName() throws Exception {
    ClassLoader loader = loaderListing(NestedPipeline.class.getName());
    PipelineCatalog catalog = PipelineCatalog.load(loader);
    assertEquals(NestedPipeline.class, catalog.resolve("NestedPipeline", loader));
    assertEquals(NestedPipeline.class, catalog.resolve(NestedPipeline.class.getName(), loader));
  }

  @Test
  void unknownNameListsTheKnownOnesBySimpleName() throws Exception {
    ClassLoader loader = loaderListing(NestedPipeline.class.getName());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> PipelineCatalog.load(loader).resolve("Missing", loader));
    assertTrue(e.getMessage().contains("unknown pipeline 'Missing'"), e.getMessage());
    assertTrue(e.getMessage().endsWith("known pipelines: NestedPipeline"), e.getMessage());
  }

  @Test
  void sameSimpleNameInTwoPlacesIsAmbiguous() throws Exception {
    ClassLoader loader = loaderListing("a.Outer$Twin", "b.Twin");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> PipelineCatalog.load(loader).resolve("Twin", loader));
    assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
  }
}
