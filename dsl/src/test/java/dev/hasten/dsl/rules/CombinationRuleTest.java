package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.dsl.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationRuleTest {

  private static Problem error(String message, Object source) {
    return new Problem(Severity.ERROR, message, source, null);
  }

  @Test
  void mixUpWithCutMixIsReportedOnTheLaterAnnotationNamingTheSlot() {
    SpeedupUse mixUp = speedup("MixUp").exclusive("input-mixing").use();
    SpeedupUse cutMix = speedup("CutMix").exclusive("input-mixing").use();

    assertEquals(
        List.of(
            error(
                "@CutMix cannot be combined with @MixUp: both claim the exclusive slot"
                    + " \"input-mixing\"; keep one of them",
                "@CutMix")),
        Rules.check(pipeline().with(mixUp, cutMix).build()));
    assertEquals(
        List.of(
            error(
                "@MixUp cannot be combined with @CutMix: both claim the exclusive slot"
                    + " \"input-mixing\"; keep one of them",
                "@MixUp")),
        Rules.check(pipeline().with(cutMix, mixUp).build()));
  }

  @Test
  void twoStepRulesClaimTheImplicitOptimizerStepSlot() {
    SpeedupUse sam = speedup("Sam").stages(Stage.STEP).use();
    SpeedupUse lookahead = speedup("Lookahead").stages(Stage.STEP).use();

    assertEquals(
        List.of(
            error(
                "@Lookahead cannot be combined with @Sam: both claim the exclusive slot"
                    + " \"optimizer-step\"; keep one of them",
                "@Lookahead")),
        Rules.check(pipeline().with(sam, lookahead).build()));
  }

  @Test
  void aConflictDeclaredOnEitherSideIsReportedOnTheLaterWithItsReason() {
    SpeedupUse colOut = speedup("ColOut").use();
    SpeedupUse resizing =
        speedup("ProgressiveResizing").conflictsWith("ColOut", "both shrink the image").use();

    // Declared by the later one.
    assertEquals(
        List.of(
            error(
                "@ProgressiveResizing cannot be combined with @ColOut: both shrink the image",
                "@ProgressiveResizing")),
        Rules.check(pipeline().with(colOut, resizing).build()));
    // Declared by the earlier one: still reported on the later.
    assertEquals(
        List.of(
            error(
                "@ColOut cannot be combined with @ProgressiveResizing: both shrink the image",
                "@ColOut")),
        Rules.check(pipeline().with(resizing, colOut).build()));
  }

  @Test
  void aPairThatSharesASlotAndDeclaresAConflictIsReportedOnce() {
    SpeedupUse ema = speedup("Ema").exclusive("weight-averaging").use();
    SpeedupUse swa =
        speedup("Swa")
            .exclusive("weight-averaging")
            .conflictsWith("Ema", "averages do not compose")
            .use();

    assertEquals(1, Rules.check(pipeline().with(ema, swa).build()).size());
  }

  @Test
  void aClashWithARecipeSpeedupNamesTheRecipeAndLandsOnThePipelinesAnnotation() {
    SpeedupUse emaFromRecipe =
        speedup("Ema").exclusive("weight-averaging").fromRecipe("MildRecipe");
    SpeedupUse swa = speedup("Swa").exclusive("weight-averaging").use();

    assertEquals(
        List.of(
            error(
                "@Swa cannot be combined with @Ema (from @MildRecipe): both claim the exclusive"
                    + " slot \"weight-averaging\"; keep one of them",
                "@Swa")),
        Rules.check(pipeline().with(emaFromRecipe, swa).build()));
  }

  @Test
  void differentSlotsCombineFreely() {
    SpeedupUse mixUp = speedup("MixUp").exclusive("input-mixing").use();
    SpeedupUse ema = speedup("Ema").exclusive("weight-averaging").use();

    assertEquals(List.of(), Rules.check(pipeline().with(mixUp, ema).build()));
  }
}
