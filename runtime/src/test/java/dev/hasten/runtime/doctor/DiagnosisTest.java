package dev.hasten.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.LanguageModeling;
import dev.hasten.dsl.Pipeline;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.Trait;
import dev.hasten.dsl.speedup.Ema;
import dev.hasten.dsl.speedup.LabelSmoothing;
import dev.hasten.dsl.speedup.MixUp;
import dev.hasten.dsl.speedup.ProgressiveResizing;
import dev.hasten.runtime.pipeline.PipelineSpeedups;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bottleneck rules and the suggestions, on hand-made shares and a hand-made catalog. */
class DiagnosisTest {
  @Speedup(
      implementedBy = "x.Y",
      component = Component.SYSTEM,
      effect = Effect.CHEAPER_STEPS,
      requires = {Requirement.GPU},
      stages = {Stage.BATCH})
  @Retention(RetentionPolicy.RUNTIME)
  @interface GpuOnly {}

  @Pipeline(epochs = 1)
  @LabelSmoothing
  static final class Smoothed {}

  static final List<Class<? extends Annotation>> CATALOG =
      List.of(
          LabelSmoothing.class, ProgressiveResizing.class, Ema.class, MixUp.class, GpuOnly.class);

  static Diagnosis.Shares shares(double data, double compute, double fixed, double growth) {
    return new Diagnosis.Shares(data, compute, 0.05, 0.02, fixed, growth, 0);
  }

  static Diagnosis.Shares streamed(double data, double readerWait) {
    return new Diagnosis.Shares(data, 1 - data - 0.07, 0.05, 0.02, 0.2, 0, readerWait);
  }

  @Test
  void growingAliveArraysAreAMemoryProblemWhateverTheTimes() {
    assertEquals(
        Diagnosis.Bottleneck.MEMORY, Diagnosis.of(shares(0.5, 0.4, 0.6, 1.0)).bottleneck());
  }

  @Test
  void feedingThirtyPercentOfTheStepIsDataLoading() {
    assertEquals(
        Diagnosis.Bottleneck.DATA_LOADING, Diagnosis.of(shares(0.30, 0.6, 0.2, 0)).bottleneck());
    assertEquals(
        Diagnosis.Bottleneck.COMPUTE, Diagnosis.of(shares(0.29, 0.6, 0.2, 0)).bottleneck());
  }

  @Test
  void aStreamedRunWaitingOnItsReaderIsDataBoundAndTheReasonNamesTheReader() {
    // 40% of the step feeding it, 35 of those points waiting for the reader: the reader's doing.
    Diagnosis waiting = Diagnosis.of(streamed(0.40, 0.35));
    assertEquals(Diagnosis.Bottleneck.DATA_LOADING, waiting.bottleneck());
    assertTrue(
        waiting.reason().startsWith("the step waits for the streamed reader"), waiting.reason());
    assertTrue(
        waiting.reason().contains("takes 35% of it, data and BATCH speedups 40%"),
        waiting.reason());
    // 40% feeding, but the wait only 15 of it: the BATCH speedups are the cost, not the reader.
    Diagnosis batchStage = Diagnosis.of(streamed(0.40, 0.15));
    assertEquals(Diagnosis.Bottleneck.DATA_LOADING, batchStage.bottleneck());
    assertTrue(batchStage.reason().startsWith("feeding the step"), batchStage.reason());
    // A reader that keeps up (10% of the step) is not the bottleneck.
    assertEquals(Diagnosis.Bottleneck.COMPUTE, Diagnosis.of(streamed(0.10, 0.10)).bottleneck());
  }

  @Test
  void halfTheStepIndependentOfTheBatchIsPerOpOverhead() {
    assertEquals(
        Diagnosis.Bottleneck.PER_OP_OVERHEAD, Diagnosis.of(shares(0.1, 0.8, 0.5, 0)).bottleneck());
    assertEquals(
        Diagnosis.Bottleneck.COMPUTE, Diagnosis.of(shares(0.1, 0.8, 0.49, 0)).bottleneck());
  }

  @Test
  void computeBoundSuggestsCheaperStepsAndCheapObjectivesButNotWhatThePipelineHas() {
    Diagnosis d = Diagnosis.of(shares(0.05, 0.9, 0.1, 0));
    List<String> names =
        d
            .suggestions(
                CATALOG,
                PipelineSpeedups.of(Smoothed.class),
                Set.of(Trait.CONV2D, Trait.GLOBAL_POOL),
                false)
            .stream()
            .map(Diagnosis.Suggestion::speedup)
            .toList();
    // ProgressiveResizing: DATA, CHEAPER_STEPS, needs GLOBAL_POOL (present). LabelSmoothing is
    // already in the pipeline. MixUp (DATA, FEWER_STEPS) adds no saving per step. GpuOnly needs a
    // GPU.
    assertTrue(names.contains("ProgressiveResizing"), names.toString());
    assertTrue(
        !names.contains("LabelSmoothing") && !names.contains("MixUp") && !names.contains("GpuOnly"),
        names.toString());
  }

  @Test
  void aMethodNeedingAnAbsentTraitIsNotSuggested() {
    Diagnosis d = Diagnosis.of(shares(0.05, 0.9, 0.1, 0));
    List<String> names =
        d
            .suggestions(CATALOG, PipelineSpeedups.of(Smoothed.class), Set.of(Trait.CONV2D), false)
            .stream()
            .map(Diagnosis.Suggestion::speedup)
            .toList();
    assertTrue(!names.contains("ProgressiveResizing"), names.toString());
  }

  @Test
  void dataBoundSuggestsFewerStepsOutsideTheDataComponent() {
    Diagnosis d = Diagnosis.of(shares(0.6, 0.3, 0.1, 0));
    List<Diagnosis.Suggestion> s =
        d.suggestions(
            CATALOG, PipelineSpeedups.of(Smoothed.class), Set.of(Trait.GLOBAL_POOL), false);
    assertTrue(s.stream().allMatch(x -> x.component() != Component.DATA), s.toString());
    assertTrue(s.stream().allMatch(x -> x.effect() != Effect.CHEAPER_STEPS), s.toString());
  }

  @Pipeline(epochs = 1)
  @LanguageModeling(sequenceLength = 16)
  static final class Language {}

  @Test
  void aLanguageModelIsNotSuggestedWhatItsTaskDoesNotProvide() {
    Set<Trait> transformer = Set.of(Trait.ATTENTION, Trait.LAYER_NORM, Trait.FEED_FORWARD);
    assertEquals(
        Set.of(Requirement.SEQUENCES, Requirement.CLASSIFICATION),
        Diagnosis.taskProvides(Language.class));
    List<String> compute =
        Diagnosis.of(shares(0.05, 0.9, 0.1, 0))
            .suggestions(
                CATALOG,
                PipelineSpeedups.of(Language.class),
                transformer,
                Diagnosis.taskProvides(Language.class),
                false)
            .stream()
            .map(Diagnosis.Suggestion::speedup)
            .toList();
    // Compute-bound: LabelSmoothing needs CLASSIFICATION, which language modelling provides, and
    // Ema nothing (OBJECTIVE and OPTIMIZATION: fewer steps for little arithmetic);
    // ProgressiveResizing (DATA, CHEAPER_STEPS) would be named too, but needs IMAGES.
    assertEquals(List.of("LabelSmoothing", "Ema"), compute);
    // The same catalog for an image pipeline without a task annotation: images taken as given.
    List<String> image =
        Diagnosis.of(shares(0.05, 0.9, 0.1, 0))
            .suggestions(
                CATALOG, PipelineSpeedups.of(Language.class), Set.of(Trait.GLOBAL_POOL), false)
            .stream()
            .map(Diagnosis.Suggestion::speedup)
            .toList();
    assertTrue(image.contains("ProgressiveResizing"), image.toString());
  }

  @Test
  void fixedFractionSolvesTwoPointsOfALine() {
    // t(n) = 2 ms + 0.1 ms * n: t(128) = 14.8, t(16) = 3.6. perExample = (14.8 - 3.6) / 112 = 0.1,
    // fixed = 3.6 - 1.6 = 2, fraction = 2 / 14.8.
    assertEquals(2 / 14.8, CostProbe.fixedFraction(14.8, 128, 3.6, 16), 1e-12);
    // All per-example (t proportional to n): no fixed part.
    assertEquals(0.0, CostProbe.fixedFraction(12.8, 128, 1.6, 16), 1e-12);
  }
}
