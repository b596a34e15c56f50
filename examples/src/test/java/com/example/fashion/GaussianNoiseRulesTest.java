package com.example.fashion;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.hasten.testing.HastenCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The rules {@link GaussianNoise} declares hold at compile time, in a user's pipeline. */
class GaussianNoiseRulesTest {
  @Test
  void noiseAboveOneIsRejectedOnItsLine() {
    JavaFileObject misuse = HastenCompiler.source("misuse/TooMuchNoise.java");
    Compilation compilation = HastenCompiler.compile(misuse);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("@GaussianNoise(std = 3): std must be in [0, 1]")
        .inFile(misuse)
        .onLine(13);
    assertThat(compilation).hadErrorCount(1);
  }
}
