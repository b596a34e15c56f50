package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Rules 2 and 3: exclusive slots and declared conflicts, reported on the later annotation. */
class CombinationErrorsTest {

  @Test
  void mixUpWithCutMixIsRejectedOnTheCutMixLine() {
    Compilation compilation = compile("bad/MixUpWithCutMix.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@CutMix cannot be combined with @MixUp: both claim the exclusive slot"
                + " \"input-mixing\"; keep one of them")
        .inFile(source("bad/MixUpWithCutMix.java"))
        .onLineContaining("@CutMix");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void emaWithSwaIsRejectedOnTheSwaLine() {
    Compilation compilation = compile("bad/EmaWithSwa.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Swa cannot be combined with @Ema: both claim the exclusive slot"
                + " \"weight-averaging\"; keep one of them")
        .inFile(source("bad/EmaWithSwa.java"))
        .onLineContaining("@Swa");
  }

  @Test
  void twoStepRulesAreRejectedThroughTheImplicitOptimizerStepSlot() {
    Compilation compilation = compile("bad/SamWithAnotherStepRule.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Lookahead cannot be combined with @Sam: both claim the exclusive slot"
                + " \"optimizer-step\"; keep one of them")
        .inFile(source("bad/SamWithAnotherStepRule.java"))
        .onLineContaining("@Lookahead");
  }

  /** Sam declares the conflict with GradientClipping (the reason is Sam's own). */
  private static final String SAM_CLIPPING_REASON =
      "@Sam computes the gradient again after the GRADIENTS stage, so the clipped gradient would"
          + " only set Sam's ascent direction and the update would use an unclipped one";

  @Test
  void aConflictDeclaredByTheLaterSpeedupIsRejectedOnItWithTheReason() {
    Compilation compilation = compile("bad/SamAfterGradientClipping.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Sam cannot be combined with @GradientClipping: " + SAM_CLIPPING_REASON)
        .inFile(source("bad/SamAfterGradientClipping.java"))
        .onLineContaining("@Sam");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aConflictDeclaredByTheEarlierSpeedupIsStillRejectedOnTheLaterOne() {
    Compilation compilation = compile("bad/GradientClippingAfterSam.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@GradientClipping cannot be combined with @Sam: " + SAM_CLIPPING_REASON)
        .inFile(source("bad/GradientClippingAfterSam.java"))
        .onLineContaining("@GradientClipping");
    assertThat(compilation).hadErrorCount(1);
  }
}
