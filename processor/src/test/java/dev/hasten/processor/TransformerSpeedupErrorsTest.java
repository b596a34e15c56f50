package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * The rules of the transformer speedups (@Alibi, @GatedLinearUnits, @LowPrecisionLayerNorm), each
 * reported on the speedup's own line: what the task or the model lacks, and values out of range.
 */
class TransformerSpeedupErrorsTest {

  private static void assertRejected(String file, String message, String line) {
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(file)).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void alibiOnAnImagePipelineIsRejectedForWhatTheTaskLacks() {
    // The task rules it out; the model trait it also asks for is not reported beside it.
    assertRejected(
        "bad/AlibiOnImages.java",
        "@Alibi requires token sequences as inputs (SEQUENCES), which @ImageClassification does"
            + " not provide: remove @Alibi, or use a task that does",
        "@Alibi");
  }

  @Test
  void alibiOnALanguageModelWithoutAttentionIsRejected() {
    assertRejected(
        "bad/AlibiWithoutAttention.java",
        "@Alibi requires a model with ATTENTION: declare Trait.ATTENTION in @Model(traits) if the"
            + " model has it, or remove @Alibi",
        "@Alibi");
  }

  @Test
  void gatedLinearUnitsWithoutAFeedForwardIsRejected() {
    assertRejected(
        "bad/GatedLinearUnitsWithoutFeedForward.java",
        "@GatedLinearUnits requires a model with FEED_FORWARD: declare Trait.FEED_FORWARD in"
            + " @Model(traits) if the model has it, or remove @GatedLinearUnits",
        "@GatedLinearUnits");
  }

  @Test
  void lowPrecisionLayerNormWithoutALayerNormIsRejected() {
    assertRejected(
        "bad/LowPrecisionLayerNormWithoutLayerNorm.java",
        "@LowPrecisionLayerNorm requires a model with LAYER_NORM: declare Trait.LAYER_NORM in"
            + " @Model(traits) if the model has it, or remove @LowPrecisionLayerNorm",
        "@LowPrecisionLayerNorm");
  }

  @Test
  void noTrainingTokensAndNoHiddenWidthAreRejectedEachOnItsValue() {
    String file = "bad/TransformerSpeedupsOutOfRange.java";
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Alibi(trainSequenceLengthScaling = 0): trainSequenceLengthScaling must be in (0, 1]")
        .inFile(source(file))
        .onLineContaining("@Alibi(trainSequenceLengthScaling = 0)");
    assertThat(compilation)
        .hadErrorContaining(
            "@GatedLinearUnits(hiddenFraction = 0): hiddenFraction must be in (0, 4]")
        .inFile(source(file))
        .onLineContaining("@GatedLinearUnits(hiddenFraction = 0)");
    assertThat(compilation).hadErrorCount(2);
  }
}
