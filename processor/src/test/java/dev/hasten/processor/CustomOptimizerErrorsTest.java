package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Rule 7 for optimizers and schedules: a broken {@code @Optimizer} or {@code @Schedule} type,
 * reported on its {@code implementedBy} when the type is being compiled, otherwise where the
 * pipeline uses it. Each input holds the pipeline and the broken type in one file.
 */
class CustomOptimizerErrorsTest {

  @Test
  void implementedByNamingNoClassIsRejectedOnTheOptimizerType() {
    Compilation compilation = compile("bad/OptimizerNamingNoClass.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@GhostSgd: implementedBy = \"test.NoSuchOptimizer\" names no class on the class path")
        .inFile(source("bad/OptimizerNamingNoClass.java"))
        .onLineContaining("implementedBy = \"test.NoSuchOptimizer\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anOptimizerClassThatIsNoParameterUpdaterIsRejected() {
    Compilation compilation = compile("bad/OptimizerNotAnUpdater.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.NotAnUpdater, which implements @Plain, must implement"
                + " dev.hasten.runtime.optim.ParameterUpdater to be an optimizer")
        .inFile(source("bad/OptimizerNotAnUpdater.java"))
        .onLineContaining("implementedBy = \"test.NotAnUpdater\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aScheduleClassWithoutAUsableConstructorIsRejected() {
    Compilation compilation = compile("bad/ScheduleWithoutUsableConstructor.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.HalvingSchedule, which implements @Halving, needs a non-private constructor"
                + " taking @Halving, or a non-private constructor without parameters")
        .inFile(source("bad/ScheduleWithoutUsableConstructor.java"))
        .onLineContaining("implementedBy = \"test.HalvingSchedule\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aPrivateScheduleClassIsRejected() {
    Compilation compilation = compile("bad/PrivateScheduleClass.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "test.PrivateScheduleClass.Hidden, which implements @HiddenLr, cannot be created by"
                + " the generated module: it is private; make it public, or package-private in the"
                + " pipeline's package")
        .inFile(source("bad/PrivateScheduleClass.java"))
        .onLineContaining("implementedBy = \"test.PrivateScheduleClass.Hidden\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aScheduleItsClassReceivesMustBeKeptAtRunTime() {
    Compilation compilation = compile("bad/ScheduleNotRetained.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Flat must have @Retention(RetentionPolicy.RUNTIME): test.FlatSchedule's constructor"
                + " receives it at run time")
        .inFile(source("bad/ScheduleNotRetained.java"))
        .onLineContaining("@Schedule(implementedBy = \"test.FlatSchedule\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aBrokenScheduleFromALibraryIsRejectedWhereThePipelineUsesIt() {
    Compilation compilation = compile("bad/UsesBrokenLibrarySchedule.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "dev.hasten.processor.fixtures.AnyStageMethod, which implements"
                + " @BrokenLibrarySchedule, must implement dev.hasten.runtime.optim.LrSchedule to"
                + " be a schedule")
        .inFile(source("bad/UsesBrokenLibrarySchedule.java"))
        .onLineContaining("@BrokenLibrarySchedule");
    assertThat(compilation).hadErrorCount(1);
  }
}
