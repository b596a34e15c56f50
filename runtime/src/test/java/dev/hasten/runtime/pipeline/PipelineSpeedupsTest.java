package dev.hasten.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.rules.Implementation;
import dev.hasten.dsl.rules.SpeedupDeclaration;
import dev.hasten.dsl.rules.SpeedupUse;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.GradientClipping;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.dsl.speedup.Sam;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pipeline class read back into the rule model: the speedups in effect and their loop order, on
 * hand-made pipelines whose declaration order is not the loop's.
 */
class PipelineSpeedupsTest {
  /** Written data-first; the loop calls the CHEAPER_STEPS ProgressiveResizing before MixUp. */
  @Pipeline(epochs = 1)
  @LabelSmoothing
  @MixUp
  @ProgressiveResizing
  static final class WrittenOutOfLoopOrder {}

  @Recipe
  @LabelSmoothing(0.2)
  @Ema
  @Retention(RetentionPolicy.RUNTIME)
  @interface SmoothedRecipe {}

  /** Its own LabelSmoothing replaces the recipe's and takes the place of the pipeline's own. */
  @Pipeline(epochs = 1)
  @LabelSmoothing(0.05)
  @SmoothedRecipe
  @MixUp
  static final class OverridesItsRecipe {}

  @Test
  void cheaperStepsComeFirstWithinAStageWhateverTheOrderWritten() {
    PipelineSpeedups speedups = PipelineSpeedups.of(WrittenOutOfLoopOrder.class);
    // Rank 0 (CHEAPER_STEPS): ProgressiveResizing; rank 1 keeps declaration order: LabelSmoothing,
    // MixUp.
    assertEquals(List.of("ProgressiveResizing", "LabelSmoothing", "MixUp"), speedups.names());
    assertEquals(List.of("ProgressiveResizing", "MixUp"), speedups.at(Stage.BATCH));
    assertEquals(List.of("LabelSmoothing"), speedups.at(Stage.LOSS));
    assertEquals(List.of(), speedups.at(Stage.STEP));
    assertEquals(
        List.of(ProgressiveResizing.class, LabelSmoothing.class, MixUp.class), speedups.types());
  }

  @Test
  void aSpeedupWrittenOnThePipelineReplacesTheRecipesAndKeepsItsValues() {
    PipelineSpeedups speedups = PipelineSpeedups.of(OverridesItsRecipe.class);
    // Recipe speedups first (Ema; its LabelSmoothing is replaced), then the pipeline's own in the
    // order written: LabelSmoothing, MixUp. All FEWER_STEPS: the loop keeps that order.
    assertEquals(List.of("Ema", "LabelSmoothing", "MixUp"), speedups.names());
    SpeedupUse ema = speedups.inLoopOrder().get(0);
    assertTrue(ema.fromRecipe());
    assertEquals("@Ema (from @SmoothedRecipe)", ema.label());
    assertSame(OverridesItsRecipe.class.getAnnotation(SmoothedRecipe.class), ema.site());
    SpeedupUse smoothing = speedups.inLoopOrder().get(1);
    assertFalse(smoothing.fromRecipe());
    assertEquals(0.05, smoothing.annotation().value("value").number());
    assertTrue(smoothing.annotation().isExplicit("value"));
    assertEquals(
        0.05,
        ((LabelSmoothing) speedups.annotations().get(1)).value(),
        "the instance it came from");
    assertTrue(speedups.contains(Ema.class));
    assertFalse(speedups.contains(ProgressiveResizing.class));
  }

  @Test
  void aDefaultValueIsNotCountedAsWritten() {
    SpeedupUse mixUp = PipelineSpeedups.of(WrittenOutOfLoopOrder.class).inLoopOrder().get(2);
    assertEquals(0.2, mixUp.annotation().value("alpha").number());
    assertFalse(mixUp.annotation().isExplicit("alpha"));
  }

  @Test
  void aSpeedupTypesDeclarationIsReadAsTheProcessorReadsIt() {
    SpeedupDeclaration sam = SpeedupDeclarations.of(Sam.class);
    assertEquals("dev.hasten.dsl.speedup.Sam", sam.qualifiedName());
    assertEquals(List.of(Stage.STEP), sam.stages());
    assertTrue(sam.slots().contains(SpeedupDeclaration.STEP_SLOT));
    assertEquals(GradientClipping.class.getCanonicalName(), sam.conflicts().get(0).other());
    assertTrue(sam.retainedAtRuntime());
    assertNull(sam.source(), "a compiled type is never the one being compiled");

    Implementation ema = SpeedupDeclarations.of(Ema.class).implementation();
    assertEquals("dev.hasten.runtime.speedup.EmaMethod", ema.qualifiedName());
    assertTrue(ema.instantiable());
    assertTrue(ema.takesAnnotation(), "EmaMethod(Ema config)");
    assertTrue(
        ema.supertypes().contains("dev.hasten.runtime.loop.Stateful"), ema.supertypes().toString());
    assertNull(ema.unreachable());
    assertNull(ema.packageOnly());
  }
}
