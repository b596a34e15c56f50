package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Rule 4: a requirement the pipeline does not meet, reported on the speedup's annotation. */
class RequirementErrorsTest {

  private static void assertRejected(String file, String message, String line) {
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(file)).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void blurPoolWithoutConv2dOrMaxPoolIsRejected() {
    assertRejected(
        "bad/BlurPoolWithoutConvOrMaxPool.java",
        "@BlurPool requires a model with CONV2D or MAX_POOL: declare it in @Model(traits) if the"
            + " model has one of them, or remove @BlurPool",
        "@BlurPool");
  }

  @Test
  void progressiveResizingWithoutGlobalPoolIsRejected() {
    assertRejected(
        "bad/ResizingWithoutGlobalPool.java",
        "@ProgressiveResizing requires a model with GLOBAL_POOL: declare Trait.GLOBAL_POOL in"
            + " @Model(traits) if the model has it, or remove @ProgressiveResizing",
        "@ProgressiveResizing");
  }

  @Test
  void ghostBatchNormWithoutBatchNormIsRejected() {
    assertRejected(
        "bad/GhostBatchNormWithoutBatchNorm.java",
        "@GhostBatchNorm requires a model with BATCH_NORM: declare Trait.BATCH_NORM in"
            + " @Model(traits) if the model has it, or remove @GhostBatchNorm",
        "@GhostBatchNorm");
  }

  @Test
  void stochasticDepthWithoutResidualIsRejected() {
    assertRejected(
        "bad/StochasticDepthWithoutResidual.java",
        "@StochasticDepth requires a model with RESIDUAL: declare Trait.RESIDUAL in"
            + " @Model(traits) if the model has it, or remove @StochasticDepth",
        "@StochasticDepth");
  }

  @Test
  void randomCropWithoutImagesIsRejected() {
    assertRejected(
        "bad/AugmentationOnText.java",
        "@RandomCrop requires image inputs (IMAGES), which @TextClassification does not provide:"
            + " remove @RandomCrop, or use a task that does",
        "@RandomCrop");
  }

  @Test
  void seqLengthWarmupOnAnImagePipelineIsRejected() {
    assertRejected(
        "bad/SeqLengthWarmupOnImages.java",
        "@SeqLengthWarmup requires token sequences as inputs (SEQUENCES), which"
            + " @ImageClassification does not provide: remove @SeqLengthWarmup, or use a task that"
            + " does",
        "@SeqLengthWarmup");
  }
}
