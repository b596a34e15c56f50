package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Golden files: the trainer and module generated for every valid test input ({@code
 * src/test/resources/good/}) are compared, as text, with {@code src/test/resources/expected/}, one
 * file per generated class, named by its simple name ({@code FashionMildTrainer.java}). A golden
 * file nothing generates any more fails the test too. All inputs compile together, as one user's
 * project would: the generated code must compile against the real runtime beside them.
 *
 * <p><b>After a deliberate change to the generated code</b>, rewrite the golden files and review
 * the difference:
 *
 * <pre>
 * mvn -B -o -q -pl processor -am test -Dtest=GoldenFilesTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dhasten.updateGolden=true
 * git diff processor/src/test/resources/expected
 * </pre>
 *
 * With {@value #UPDATE} set, the test writes every generated trainer and module into {@code
 * src/test/resources/expected/} (the source folder, not the copy on the class path), deletes golden
 * files nothing generates, and passes. A new valid input in {@code good/} gets its golden files the
 * same way.
 */
class GoldenFilesTest {
  /** The system property that rewrites the golden files instead of comparing them. */
  static final String UPDATE = "hasten.updateGolden";

  private static final Path SOURCE_FOLDER = Path.of("src/test/resources/expected");

  @Test
  void everyValidInputGeneratesItsGoldenTrainerAndModule() throws IOException {
    List<String> inputs = resources("good");
    assertTrue(inputs.size() > 10, "the valid inputs were not found: " + inputs);
    Compilation compilation = Compiling.compile(inputs.toArray(new String[0]));
    assertThat(compilation).succeeded();

    Map<String, String> generated = generatedTrainersAndModules(compilation);
    assertTrue(
        generated.containsKey("FashionMildTrainer.java")
            && generated.containsKey("WithEmaModule.java"),
        generated.keySet().toString());
    if (Boolean.getBoolean(UPDATE)) {
      rewrite(generated);
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    for (String name : resources("expected")) {
      expected.put(name.substring("expected/".length()), read(name));
    }
    List<String> faults = new ArrayList<>();
    for (Map.Entry<String, String> file : generated.entrySet()) {
      String golden = expected.get(file.getKey());
      if (golden == null) {
        faults.add(file.getKey() + " has no golden file");
      } else if (!golden.equals(file.getValue())) {
        faults.add(file.getKey() + " differs from its golden file:\n" + file.getValue());
      }
    }
    expected.keySet().stream()
        .filter(name -> !generated.containsKey(name))
        .forEach(name -> faults.add(name + " is a golden file that nothing generates"));
    assertEquals(
        List.of(),
        faults,
        "to rewrite the golden files after a deliberate change, run with -D" + UPDATE + "=true");
  }

  /** The generated {@code *Trainer} and {@code *Module} sources, by file name, sorted. */
  private static Map<String, String> generatedTrainersAndModules(Compilation compilation)
      throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      String path = file.toUri().getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.endsWith("Trainer.java") || name.endsWith("Module.java")) {
        String previous = files.put(name, file.getCharContent(true).toString());
        assertEquals(null, previous, "two generated files are named " + name);
      }
    }
    return files;
  }

  private static void rewrite(Map<String, String> generated) throws IOException {
    assertTrue(
        Files.isDirectory(SOURCE_FOLDER),
        SOURCE_FOLDER.toAbsolutePath() + " is not here: run from the processor module");
    try (Stream<Path> old = Files.list(SOURCE_FOLDER)) {
      for (Path file : old.toList()) {
        if (!generated.containsKey(file.getFileName().toString())) {
          Files.delete(file);
        }
      }
    }
    for (Map.Entry<String, String> file : generated.entrySet()) {
      Files.writeString(SOURCE_FOLDER.resolve(file.getKey()), file.getValue());
    }
  }

  /** The resources in {@code folder} on the test class path, as resource names, sorted. */
  private static List<String> resources(String folder) throws IOException {
    Path dir;
    try {
      dir = Path.of(GoldenFilesTest.class.getClassLoader().getResource(folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> folder + "/" + p.getFileName())
          .filter(name -> name.endsWith(".java"))
          .sorted()
          .toList();
    }
  }

  private static String read(String resource) {
    try (var in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
