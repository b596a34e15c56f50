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

  @Test
  void aConflictDeclaredByTheLaterSpeedupIsRejectedOnItWithTheReason() {
    Compilation compilation = compile("bad/ColOutAfterResizing.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@ColOut cannot be combined with @ProgressiveResizing: both shrink the images; use one"
                + " of them")
        .inFile(source("bad/ColOutAfterResizing.java"))
        .onLineContaining("@ColOut");
  }

  @Test
  void aConflictDeclaredByTheEarlierSpeedupIsStillRejectedOnTheLaterOne() {
    Compilation compilation = compile("bad/ResizingAfterColOut.java");

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@ProgressiveResizing cannot be combined with @ColOut: both shrink the images; use one"
                + " of them")
        .inFile(source("bad/ResizingAfterColOut.java"))
        .onLineContaining("@ProgressiveResizing");
  }
}
