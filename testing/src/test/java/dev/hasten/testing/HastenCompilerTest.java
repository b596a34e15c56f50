package dev.hasten.testing;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class HastenCompilerTest {
  @Test
  void aMisusedSpeedupIsRejectedOnItsLine() {
    JavaFileObject misuse = HastenCompiler.source("misuse/SmoothedTooMuch.java");
    Compilation compilation = HastenCompiler.compile(misuse);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@LabelSmoothing(value = 1.5): value must be in [0, 1)")
        .inFile(misuse)
        .onLine(13);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aValidPipelineCompilesAndGeneratesItsTrainer() {
    // The same pipeline as the misuse, with a value in range.
    Compilation compilation = HastenCompiler.compile("valid/Smoothed.java");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("valid.SmoothedTrainer");
  }
}
