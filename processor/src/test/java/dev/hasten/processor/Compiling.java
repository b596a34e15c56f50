package dev.hasten.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles test inputs from {@code src/test/resources} with the processor, as a user's build would.
 */
final class Compiling {
  /** The lint options the reactor compiles with, so generated code must be clean under them. */
  static final String LINT = "-Xlint:all,-processing,-classfile,-serial";

  private Compiling() {}

  static JavaFileObject source(String resource) {
    return JavaFileObjects.forResource(resource);
  }

  static Compilation compile(String... resources) {
    return compileWith(List.of(), resources);
  }

  static Compilation compileWith(List<String> options, String... resources) {
    List<String> all = new ArrayList<>(options);
    all.add(LINT);
    List<JavaFileObject> files = new ArrayList<>();
    for (String resource : resources) {
      files.add(source(resource));
    }
    return javac().withProcessors(new PipelineProcessor()).withOptions(all).compile(files);
  }

  /** The diagnostics of the given kind, for asserting that there are none or exactly these. */
  static List<String> messages(Compilation compilation, Diagnostic.Kind kind) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind)
        .map(d -> d.getMessage(null))
        .toList();
  }

  /**
   * Runs only annotation processing, into a fresh folder, and returns the sources generated there.
   * compile-testing hides generated files once a compilation fails; this shows that a pipeline with
   * errors generates nothing at all.
   */
  static List<String> sourcesGeneratedDespiteErrors(List<String> options, String... resources)
      throws IOException {
    Path out = Files.createTempDirectory("hasten-generated");
    try {
      List<String> args =
          new ArrayList<>(List.of("-proc:only", "-s", out.toString(), "-d", out.toString()));
      args.addAll(List.of("-classpath", System.getProperty("java.class.path")));
      args.addAll(options);
      List<JavaFileObject> files = new ArrayList<>();
      for (String resource : resources) {
        files.add(source(resource));
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      boolean ok = javac.getTask(null, null, diagnostic -> {}, args, null, files).call();
      if (ok) {
        throw new AssertionError("expected " + List.of(resources) + " to fail");
      }
      try (Stream<Path> walk = Files.walk(out)) {
        return walk.filter(p -> p.toString().endsWith(".java"))
            .map(p -> out.relativize(p).toString())
            .toList();
      }
    } finally {
      try (Stream<Path> walk = Files.walk(out)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static String generated(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated"));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
