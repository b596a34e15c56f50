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
            "test.NoUsableConstructorMethod, which implements @NoUsableConstructor, needs a"
                + " non-private constructor taking @NoUsableConstructor, or a non-private"
                + " constructor without parameters")
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

  @Test
  void aPrivateRuntimeClassIsRejectedOnTheSpeedupType() {
    Compilation compilation =
        compile("bad/UsesHidden.java", "bad/Hidden.java", "bad/HiddenMethods.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.HiddenMethods.Method, which implements @Hidden, cannot be created by the"
                + " generated module: it is private; make it public, or package-private in the"
                + " pipeline's package")
        .inFile(source("bad/Hidden.java"))
        .onLineContaining("implementedBy = \"test.HiddenMethods.Method\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aPackagePrivateRuntimeClassIsRejectedWhereAPipelineInAnotherPackageUsesIt() {
    Compilation compilation =
        compile("bad/UsesNudgeFromAnotherPackage.java", "good/Nudge.java", "good/NudgeMethod.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Nudge: test.NudgeMethod is not public (it, its constructor or a class it is nested"
                + " in), so only code in package test can create it, and"
                + " UsesNudgeFromAnotherPackage's generated module is in package other; make it"
                + " public, or move the pipeline to package test")
        .inFile(source("bad/UsesNudgeFromAnotherPackage.java"))
        .onLineContaining("@Nudge");
    assertThat(compilation).hadErrorCount(1);
  }
}
