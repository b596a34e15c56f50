package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.runPart;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.dsl.Stage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImplementationRuleTest {

  private static final String BATCH = "dev.hasten.runtime.loop.stage.BatchTransform";
  private static final String EVAL = "dev.hasten.runtime.loop.stage.EvalWeights";

  @Test
  void aMissingClassIsReportedOnTheSpeedupTypeWhenItIsBeingCompiled() {
    SpeedupDeclaration declaration =
        speedup("Custom").implementation(null).source("@Speedup of Custom").build();

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@Custom: implementedBy = \"dev.hasten.test.CustomMethod\" names no class on the"
                    + " class path",
                "@Speedup of Custom",
                "implementedBy")),
        Rules.checkDeclaration(declaration, null));
  }

  @Test
  void aMissingClassOfALibraryTypeIsReportedWhereThePipelineUsesIt() {
    SpeedupUse use = speedup("Custom").implementation(null).use();

    List<Problem> problems = Rules.check(pipeline().with(use).build());

    assertEquals(1, problems.size());
    assertEquals("@Custom", problems.get(0).source());
    assertEquals(null, problems.get(0).member());
  }

  @Test
  void aClassMissingAStageInterfaceIsReportedForThatStage() {
    Implementation onlyBatch =
        new Implementation("x.EmaLike", true, Set.of(BATCH, "java.lang.Object"), true, false);
    SpeedupDeclaration declaration =
        speedup("EmaLike")
            .stages(Stage.BATCH, Stage.EVAL)
            .implementation(onlyBatch)
            .source("decl")
            .build();

    assertEquals(
        List.of(
            "x.EmaLike, which implements @EmaLike, must implement "
                + EVAL
                + " to act at stage EVAL"),
        Rules.checkDeclaration(declaration, null).stream().map(Problem::message).toList());
  }

  @Test
  void aClassWithNeitherConstructorIsReported() {
    Implementation noConstructor = new Implementation("x.C", true, Set.of(BATCH), false, false);

    assertEquals(
        List.of(
            "x.C, which implements @C, needs a non-private constructor taking @C, or a non-private"
                + " constructor without parameters"),
        Rules.checkDeclaration(speedup("C").implementation(noConstructor).source("d").build(), null)
            .stream()
            .map(Problem::message)
            .toList());
  }

  @Test
  void eitherConstructorIsEnough() {
    Implementation annotationOnly = new Implementation("x.C", true, Set.of(BATCH), true, false);
    Implementation noArgOnly = new Implementation("x.C", true, Set.of(BATCH), false, true);

    assertEquals(
        List.of(),
        Rules.checkDeclaration(speedup("C").implementation(annotationOnly).build(), null));
    assertEquals(
        List.of(), Rules.checkDeclaration(speedup("C").implementation(noArgOnly).build(), null));
  }

  @Test
  void anAbstractOrInnerClassCannotBeCreated() {
    Implementation hidden = new Implementation("x.C", false, Set.of(BATCH), false, true);

    assertEquals(
        List.of("x.C, which implements @C, must be a non-abstract, top-level or static class"),
        Rules.checkDeclaration(speedup("C").implementation(hidden).build(), null).stream()
            .map(Problem::message)
            .toList());
  }

  @Test
  void anAnnotationTheConstructorReceivesMustBeRetainedAtRunTime() {
    SpeedupDeclaration declaration = speedup("C").retained(false).source("d").build();

    assertEquals(
        List.of(
            "@C must have @Retention(RetentionPolicy.RUNTIME): dev.hasten.test.CMethod's"
                + " constructor receives it at run time"),
        Rules.checkDeclaration(declaration, null).stream().map(Problem::message).toList());
  }

  @Test
  void noStagesAndCrossChecksNamingMissingMembersAreReported() {
    SpeedupDeclaration declaration =
        speedup("C").stages().sumAtMost(1, "a", "nope").source("d").build();
    AnnotationUse defaults =
        TestPipelines.annotation("C", "d", TestPipelines.byDefault("a", 0.5, null));

    assertEquals(
        List.of(
            "@C declares no stages: it would never act",
            "@C's cross-value checks name \"nope\", which is not a numeric member of @C"),
        Rules.checkDeclaration(declaration, defaults).stream().map(Problem::message).toList());
  }

  @Test
  void aBrokenTypeUsedTwiceViaRecipeAndPipelineIsReportedOnce() {
    TestPipelines.Declaration broken = speedup("C").implementation(null);

    List<Problem> problems =
        Rules.check(pipeline().with(broken.fromRecipe("R"), broken.use()).build());

    assertEquals(
        List.of(Severity.ERROR, Severity.NOTE),
        problems.stream().map(Problem::severity).sorted().toList());
  }

  @Test
  void aClassOnlyItsPackageReachesServesPipelinesOfThatPackageOnly() {
    // The default test pipeline is p.Foo: its module is generated in package p.
    Implementation inP = new Implementation("p.C", true, Set.of(BATCH), true, false, null, "p");
    Implementation inQ = new Implementation("q.C", true, Set.of(BATCH), true, false, null, "q");

    assertEquals(
        List.of(), Rules.check(pipeline().with(speedup("C").implementation(inP).use()).build()));
    List<Problem> problems =
        Rules.check(pipeline().with(speedup("C").implementation(inQ).use()).build());
    assertEquals(
        List.of(
            "@C: q.C is not public (it, its constructor or a class it is nested in), so only code"
                + " in package q can create it, and Foo's generated module is in package p; make it"
                + " public, or move the pipeline to package q"),
        problems.stream().map(Problem::message).toList());
    assertEquals("@C", problems.get(0).source());
  }

  @Test
  void aPrivateClassIsReportedWithTheReason() {
    Implementation hidden =
        new Implementation(
            "x.Outer.C",
            true,
            Set.of(BATCH),
            false,
            true,
            "the class it is nested in, x.Outer, is private",
            "x");

    assertEquals(
        List.of(
            "x.Outer.C, which implements @C, cannot be created by the generated module: the class"
                + " it is nested in, x.Outer, is private; make it public, or package-private in"
                + " the pipeline's package"),
        Rules.checkDeclaration(speedup("C").implementation(hidden).build(), null).stream()
            .map(Problem::message)
            .toList());
  }

  @Test
  void anOptimizerClassThatIsNoParameterUpdaterIsReportedWhereThePipelineUsesIt() {
    Implementation notAnUpdater =
        new Implementation("x.Lars", true, Set.of("java.lang.Object"), true, false);
    RunPartUse use = runPart(RunPart.OPTIMIZER, "Lars", notAnUpdater);

    List<Problem> problems = Rules.check(pipeline().withOptimizer(use).build());

    assertEquals(
        List.of(
            "x.Lars, which implements @Lars, must implement"
                + " dev.hasten.runtime.optim.ParameterUpdater to be an optimizer"),
        problems.stream().map(Problem::message).toList());
    assertEquals("@Lars", problems.get(0).source());
  }

  @Test
  void aScheduleTypeBeingCompiledIsCheckedOnItsImplementedBy() {
    RunPartDeclaration declaration =
        new RunPartDeclaration(
            "y.StepLr",
            RunPart.SCHEDULE,
            "y.StepSchedule",
            new Implementation(
                "y.StepSchedule", false, Set.of(RunPart.SCHEDULE.interfaceName()), false, false),
            false,
            "@Schedule of StepLr");

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "y.StepSchedule, which implements @StepLr, must be a non-abstract, top-level or"
                    + " static class",
                "@Schedule of StepLr",
                "implementedBy"),
            new Problem(
                Severity.ERROR,
                "y.StepSchedule, which implements @StepLr, needs a non-private constructor taking"
                    + " @StepLr, or a non-private constructor without parameters",
                "@Schedule of StepLr",
                "implementedBy")),
        Rules.checkDeclaration(declaration));
  }

  @Test
  void soundOptimizerAndScheduleClassesPass() {
    PipelineModel model =
        pipeline()
            .withOptimizer(runPart(RunPart.OPTIMIZER, "Lars"))
            .withSchedule(runPart(RunPart.SCHEDULE, "StepLr"))
            .build();

    assertEquals(List.of(), Rules.check(model));
  }
}
