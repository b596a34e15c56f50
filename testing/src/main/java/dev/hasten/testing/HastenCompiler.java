package dev.hasten.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.hasten.processor.PipelineProcessor;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Compiles sources with Hasten's annotation processor, as a user's build does, over Google's
 * compile-testing: for tests that a pipeline misusing a speedup (one's own, say) is rejected, with
 * its message, on its line.
 *
 * <pre>{@code
 * JavaFileObject misuse = HastenCompiler.source("misuse/TooMuchNoise.java");
 * Compilation compilation = HastenCompiler.compile(misuse);
 * assertThat(compilation)
 *     .hadErrorContaining("@GaussianNoise(std = 3.0): std must be in [0, 1]")
 *     .inFile(misuse)
 *     .onLine(14);
 * }</pre>
 *
 * <p>({@code assertThat} is compile-testing's {@code CompilationSubject.assertThat}.) The sources
 * see the test's class path: the pipeline may use the project's own speedup annotations.
 */
public final class HastenCompiler {
  private HastenCompiler() {}

  /** {@code javac} with Hasten's processor, for more options ({@code withOptions}) or sources. */
  public static Compiler javac() {
    return Compiler.javac().withProcessors(new PipelineProcessor());
  }

  /** Compiles {@code sources} with Hasten's processor. */
  public static Compilation compile(JavaFileObject... sources) {
    return javac().compile(sources);
  }

  /** Compiles the class-path resources {@code resources} (e.g. under src/test/resources). */
  public static Compilation compile(String... resources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String resource : resources) {
      files.add(source(resource));
    }
    return javac().compile(files);
  }

  /** The class-path resource {@code resource} as a source file, for {@code inFile(…)}. */
  public static JavaFileObject source(String resource) {
    return JavaFileObjects.forResource(resource);
  }
}
