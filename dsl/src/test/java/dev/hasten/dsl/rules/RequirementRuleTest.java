package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Trait;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementRuleTest {

  private static List<String> messages(PipelineModel model) {
    return Rules.check(model).stream().map(Problem::message).toList();
  }

  @Test
  void progressiveResizingWithoutGlobalPoolSaysHowToFixIt() {
    SpeedupUse resizing =
        speedup("ProgressiveResizing").requires(Requirement.IMAGES, Requirement.GLOBAL_POOL).use();

    List<Problem> problems = Rules.check(pipeline().traits(Trait.CONV2D).with(resizing).build());

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@ProgressiveResizing requires a model with GLOBAL_POOL: declare Trait.GLOBAL_POOL"
                    + " in @Model(traits) if the model has it, or remove @ProgressiveResizing",
                "@ProgressiveResizing",
                null)),
        problems);
  }

  @Test
  void aDeclaredTraitMeetsItsRequirement() {
    SpeedupUse resizing = speedup("ProgressiveResizing").requires(Requirement.GLOBAL_POOL).use();

    assertEquals(List.of(), messages(pipeline().traits(Trait.GLOBAL_POOL).with(resizing).build()));
  }

  @Test
  void blurPoolNeedsConv2dOrMaxPoolAndEitherOneIsEnough() {
    SpeedupUse blurPool =
        speedup("BlurPool").requiresAnyOf(Requirement.CONV2D, Requirement.MAX_POOL).use();

    assertEquals(
        List.of(
            "@BlurPool requires a model with CONV2D or MAX_POOL: declare it in @Model(traits) if"
                + " the model has one of them, or remove @BlurPool"),
        messages(pipeline().traits(Trait.BATCH_NORM).with(blurPool).build()));
    assertEquals(List.of(), messages(pipeline().traits(Trait.MAX_POOL).with(blurPool).build()));
    assertEquals(List.of(), messages(pipeline().traits(Trait.CONV2D).with(blurPool).build()));
  }

  @Test
  void ghostBatchNormWithoutBatchNormAndStochasticDepthWithoutResidualAreEachReported() {
    SpeedupUse ghost = speedup("GhostBatchNorm").requires(Requirement.BATCH_NORM).use();
    SpeedupUse depth = speedup("StochasticDepth").requires(Requirement.RESIDUAL).use();

    List<Problem> problems =
        Rules.check(pipeline().traits(Trait.CONV2D).with(ghost, depth).build());

    assertEquals(
        List.of("@GhostBatchNorm", "@StochasticDepth"),
        problems.stream().map(Problem::source).toList());
  }

  @Test
  void taskRequirementsAreMetByWhatTheTaskProvides() {
    SpeedupUse smoothing = speedup("LabelSmoothing").requires(Requirement.CLASSIFICATION).use();
    TestPipelines.Builder other = pipeline().with(smoothing);
    other.tasks.set(
        0,
        new TaskUse(
            TestPipelines.annotation("LanguageModelling", "@LanguageModelling"), List.of()));

    assertEquals(List.of(), messages(pipeline().with(smoothing).build()));
    assertEquals(
        List.of(
            "@LabelSmoothing requires class targets (CLASSIFICATION), which @LanguageModelling"
                + " does not provide: remove @LabelSmoothing, or use a task that does"),
        messages(other.build()));
  }

  @Test
  void whatTheTaskLacksIsOneMessageAndNoModelTraitIsAskedForBesideIt() {
    SpeedupUse colOut =
        speedup("ColOut")
            .requires(Requirement.IMAGES, Requirement.EXAMPLES, Requirement.GLOBAL_POOL)
            .use();
    TestPipelines.Builder text = pipeline().traits(Trait.ATTENTION).with(colOut);
    text.tasks.set(
        0,
        new TaskUse(
            TestPipelines.annotation("LanguageModeling", "@LanguageModeling"),
            List.of(Requirement.SEQUENCES, Requirement.CLASSIFICATION)));

    assertEquals(
        List.of(
            "@ColOut requires image inputs (IMAGES) and a fixed set of training examples"
                + " (EXAMPLES), which @LanguageModeling does not provide: remove @ColOut, or use a"
                + " task that does"),
        messages(text.build()));
  }

  @Test
  void gpuIsLeftToRunTime() {
    SpeedupUse precision = speedup("MixedPrecision").requires(Requirement.GPU).use();

    assertEquals(List.of(), messages(pipeline().with(precision).build()));
  }

  @Test
  void withoutATaskOnlyTheMissingTaskIsReportedNotEveryTaskRequirement() {
    SpeedupUse smoothing = speedup("LabelSmoothing").requires(Requirement.CLASSIFICATION).use();
    TestPipelines.Builder b = pipeline().with(smoothing);
    b.tasks.clear();

    List<String> messages = messages(b.build());

    assertEquals(1, messages.size());
    assertEquals(true, messages.get(0).startsWith("Foo has no task annotation"));
  }

  @Test
  void aRecipeSpeedupsUnmetRequirementLandsOnTheRecipeAnnotation() {
    SpeedupUse blurPool =
        speedup("BlurPool")
            .requiresAnyOf(Requirement.CONV2D, Requirement.MAX_POOL)
            .fromRecipe("MildRecipe");

    List<Problem> problems = Rules.check(pipeline().with(blurPool).build());

    assertEquals(1, problems.size());
    assertEquals("@MildRecipe", problems.get(0).source());
    assertEquals(
        "@BlurPool (from @MildRecipe) requires a model with CONV2D or MAX_POOL: declare it in"
            + " @Model(traits) if the model has one of them, or remove @BlurPool (from"
            + " @MildRecipe)",
        problems.get(0).message());
  }
}
