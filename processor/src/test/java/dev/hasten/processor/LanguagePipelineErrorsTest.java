package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hasten.processor.Compiling.compile;
import static dev.hasten.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Language pipelines that the compiler rejects, each wrong in one place: the catalog's GPT with its
 * true traits ({@code fixtures.GptData}) under {@code @LanguageModeling}, and one image-only
 * speedup or a malformed task. Each error is pinned by its message, its file and the line it lands
 * on, and is the pipeline's only error.
 */
class LanguagePipelineErrorsTest {

  private static void assertOnlyError(String file, String message, String line) {
    Compilation compilation = compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(file)).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * What the task lacks rules a speedup out on its own: a language model's inputs are token
   * windows, not images, and they are drawn afresh each step rather than indexed examples.
   */
  @ParameterizedTest(name = "@{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HorizontalFlip | image inputs (IMAGES)",
        "RandomCrop | image inputs (IMAGES)",
        "CutOut | image inputs (IMAGES)",
        "CutMix | image inputs (IMAGES)",
        "MixUp | image inputs (IMAGES)",
        "ColOut | image inputs (IMAGES)",
        "ProgressiveResizing | image inputs (IMAGES)",
        "SelectiveBackprop | image inputs (IMAGES)",
        "DataPruning | a fixed set of training examples (EXAMPLES)",
      })
  void aSpeedupNeedingWhatLanguageModelingDoesNotProvideIsRejectedOnItsLine(
      String speedup, String requirement) {
    assertOnlyError(
        "bad/" + speedup + "OnLanguageModel.java",
        "@"
            + speedup
            + " requires "
            + requirement
            + ", which @LanguageModeling does not provide: remove @"
            + speedup
            + ", or use a task that does",
        "@" + speedup);
  }

  /** The model rewrites of convolutional networks find nothing of theirs in a transformer. */
  @ParameterizedTest(name = "@{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BlurPool | CONV2D or MAX_POOL | it | one of them",
        "SqueezeExcite | CONV2D | Trait.CONV2D | it",
        "GhostBatchNorm | BATCH_NORM | Trait.BATCH_NORM | it",
        "StochasticDepth | RESIDUAL | Trait.RESIDUAL | it",
      })
  void aModelRewriteNeedingATraitTheGptLacksIsRejectedOnItsLine(
      String speedup, String traits, String declare, String has) {
    assertOnlyError(
        "bad/" + speedup + "OnLanguageModel.java",
        "@"
            + speedup
            + " requires a model with "
            + traits
            + ": declare "
            + declare
            + " in @Model(traits) if the model has "
            + has
            + ", or remove @"
            + speedup,
        "@" + speedup);
  }

  @Test
  void languageModelingBesideImageClassificationIsTwoTasks() {
    assertOnlyError(
        "bad/LanguageModelingWithImageClassification.java",
        "LanguageModelingWithImageClassification has more than one task: keep one of"
            + " @LanguageModeling and @ImageClassification",
        "@ImageClassification(");
  }

  /** javac's own check: sequenceLength has no default, since no length suits every corpus. */
  @Test
  void languageModelingWithoutASequenceLengthIsRejectedOnTheTask() {
    assertOnlyError(
        "bad/LanguageModelingWithoutSequenceLength.java",
        "annotation @dev.hasten.dsl.LanguageModeling is missing a default value for the element"
            + " 'sequenceLength'",
        "@LanguageModeling(");
  }

  @Test
  void aZeroSequenceLengthIsRejectedOnItsLine() {
    assertOnlyError(
        "bad/ZeroSequenceLength.java",
        "@LanguageModeling(sequenceLength = 0): sequenceLength must be >= 1",
        "sequenceLength = 0,");
  }
}
