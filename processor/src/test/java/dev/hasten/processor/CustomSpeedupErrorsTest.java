package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Rule 7: a broken custom speedup, reported on its annotation type when that is being compiled,
 * otherwise where the pipeline uses it.
 */
class CustomSpeedupErrorsTest {

  @Test
  void implementedByNamingNoClassIsRejectedOnTheSpeedupType() {
    Compilation compilation = compile("bad/UsesUnimplemented.java", "bad/Unimplemented.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Unimplemented: implementedBy = \"test.NoSuchMethod\" names no class on the class"
                + " path")
        .inFile(source("bad/Unimplemented.java"))
        .onLineContaining("implementedBy = \"test.NoSuchMethod\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aBrokenSpeedupTypeIsRejectedEvenBeforeAPipelineUsesIt() {
    Compilation compilation = compile("bad/Unimplemented.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("names no class on the class path")
        .inFile(source("bad/Unimplemented.java"))
        .onLineContaining("implementedBy = \"test.NoSuchMethod\"");
  }

  @Test
  void aClassMissingAStageInterfaceIsRejectedOnTheSpeedupType() {
    Compilation compilation =
        compile(
            "bad/UsesHalfImplemented.java",
            "bad/HalfImplemented.java",
            "bad/HalfImplementedMethod.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.HalfImplementedMethod, which implements @HalfImplemented, must implement"
                + " dev.hasten.runtime.loop.stage.EvalWeights to act at stage EVAL")
        .inFile(source("bad/HalfImplemented.java"))
        .onLineContaining("implementedBy = \"test.HalfImplementedMethod\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aClassWithoutAUsableConstructorIsRejectedOnTheSpeedupType() {
    Compilation compilation =
        compile(
            "bad/UsesNoUsableConstructor.java",
            "bad/NoUsableConstructor.java",
            "bad/NoUsableConstructorMethod.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.NoUsableConstructorMethod, which implements @NoUsableConstructor, needs a public"
                + " constructor taking @NoUsableConstructor, or a public constructor without"
                + " parameters")
        .inFile(source("bad/NoUsableConstructor.java"))
        .onLineContaining("implementedBy = \"test.NoUsableConstructorMethod\"");
  }

  @Test
  void aBrokenSpeedupFromALibraryIsRejectedWhereThePipelineUsesIt() {
    Compilation compilation = compile("bad/UsesBrokenLibrarySpeedup.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@BrokenLibrarySpeedup: implementedBy = \"dev.hasten.processor.fixtures.NoSuchMethod\""
                + " names no class on the class path")
        .inFile(source("bad/UsesBrokenLibrarySpeedup.java"))
        .onLineContaining("@BrokenLibrarySpeedup");
  }
}
