package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.UNIT_OPEN_TOP;
import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static dev.hasten.dsl.rules.TestPipelines.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedupsTest {

  private static List<String> names(List<SpeedupUse> uses) {
    return uses.stream().map(SpeedupUse::label).toList();
  }

  @Test
  void aPipelinesOwnSpeedupReplacesTheRecipesWithANote() {
    SpeedupUse fromRecipe =
        speedup("LabelSmoothing")
            .fromRecipe("FashionMildRecipe", written("value", 0.08, UNIT_OPEN_TOP));
    SpeedupUse own = speedup("LabelSmoothing").use(written("value", 0.1, UNIT_OPEN_TOP));
    PipelineModel model = pipeline().with(fromRecipe, own).build();

    assertEquals(List.of(own), Speedups.effective(model));
    assertEquals(
        List.of(
            new Problem(
                Severity.NOTE,
                "@LabelSmoothing on Foo replaces @LabelSmoothing from @FashionMildRecipe",
                "@LabelSmoothing",
                null)),
        Rules.check(model));
  }

  @Test
  void theSameSpeedupFromTwoRecipesIsAnErrorOnTheLaterRecipe() {
    SpeedupUse a = speedup("Ema").fromRecipe("MildRecipe");
    SpeedupUse b = speedup("Ema").fromRecipe("HotRecipe");

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@Ema comes from both @MildRecipe and @HotRecipe: write @Ema on Foo to choose its"
                    + " values, or drop one of the recipes",
                "@HotRecipe",
                null)),
        Rules.check(pipeline().with(a, b).build()));
  }

  @Test
  void writingItOnThePipelineSettlesTwoRecipesWithANoteForEach() {
    SpeedupUse a = speedup("Ema").fromRecipe("MildRecipe");
    SpeedupUse b = speedup("Ema").fromRecipe("HotRecipe");
    SpeedupUse own = speedup("Ema").use();

    List<Problem> problems = Rules.check(pipeline().with(a, b, own).build());

    assertEquals(
        List.of(
            "@Ema on Foo replaces @Ema from @MildRecipe",
            "@Ema on Foo replaces @Ema from @HotRecipe"),
        problems.stream().map(Problem::message).toList());
  }

  @Test
  void effectiveKeepsRecipeOrderThenThePipelinesOwn() {
    PipelineModel model =
        pipeline()
            .with(
                speedup("BlurPool").fromRecipe("R"),
                speedup("Ema").fromRecipe("R"),
                speedup("MixUp").use(),
                speedup("LabelSmoothing").use())
            .build();

    assertEquals(
        List.of("@BlurPool (from @R)", "@Ema (from @R)", "@MixUp", "@LabelSmoothing"),
        names(Speedups.effective(model)));
  }

  @Test
  void cheaperStepsComeFirstInLoopOrderAndTiesKeepDeclarationOrder() {
    // FashionMild writes LabelSmoothing, ProgressiveResizing, Ema; resizing makes steps cheaper.
    SpeedupUse smoothing = speedup("LabelSmoothing").stages(Stage.LOSS).use();
    SpeedupUse resizing =
        speedup("ProgressiveResizing").effect(Effect.CHEAPER_STEPS).stages(Stage.BATCH).use();
    SpeedupUse ema = speedup("Ema").stages(Stage.AFTER_STEP, Stage.EVAL).use();
    SpeedupUse mixUp = speedup("MixUp").stages(Stage.BATCH).use();
    SpeedupUse selective =
        speedup("SelectiveBackprop").effect(Effect.BOTH).stages(Stage.BATCH).use();
    PipelineModel model = pipeline().with(smoothing, mixUp, resizing, ema, selective).build();

    List<SpeedupUse> order = Speedups.loopOrder(model);

    assertEquals(
        List.of("@ProgressiveResizing", "@SelectiveBackprop", "@LabelSmoothing", "@MixUp", "@Ema"),
        names(order));
    assertEquals(
        List.of("@ProgressiveResizing", "@SelectiveBackprop", "@MixUp"),
        names(Speedups.at(Stage.BATCH, order)));
    assertSame(ema, Speedups.at(Stage.EVAL, order).get(0));
  }

  @Test
  void aKnownCostIsAWarningOnTheAnnotation() {
    SpeedupUse sam =
        speedup("Sam")
            .stages(Stage.STEP)
            .cost("doubles the cost of a step on the steps it runs")
            .use();

    assertEquals(
        List.of(
            new Problem(
                Severity.WARNING,
                "@Sam has a known cost: doubles the cost of a step on the steps it runs",
                "@Sam",
                null)),
        Rules.check(pipeline().with(sam).build()));
  }

  @Test
  void aPipelineThatSuppressesHastenCostHearsNoKnownCostButStillItsErrors() {
    SpeedupUse sam =
        speedup("Sam")
            .stages(Stage.STEP)
            .cost("doubles the cost of a step on the steps it runs")
            .use();
    SpeedupUse lookahead = speedup("Lookahead").stages(Stage.STEP).use();

    List<Problem> problems =
        Rules.check(pipeline().with(sam).with(lookahead).build(), java.util.Set.of("hasten:cost"));

    assertEquals(1, problems.size(), problems.toString());
    assertEquals(Severity.ERROR, problems.get(0).severity());
    assertEquals(
        List.of(),
        Rules.check(pipeline().with(sam).build(), java.util.Set.of(Rules.SUPPRESS_COST)));
  }
}
