package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.annotation;
import static dev.hasten.dsl.rules.TestPipelines.byDefault;
import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static dev.hasten.dsl.rules.TestPipelines.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeRuleTest {

  @Test
  void labelSmoothingOfOneAndAHalfIsOutsideTheHalfOpenUnitInterval() {
    AnnotationUse use =
        annotation(
            "LabelSmoothing",
            "@LabelSmoothing",
            written("value", 1.5, TestPipelines.UNIT_OPEN_TOP));

    List<Problem> problems = RangeRule.check(use);

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@LabelSmoothing(value = 1.5): value must be in [0, 1)",
                "@LabelSmoothing",
                "value")),
        problems);
  }

  @Test
  void anExcludedBoundIsOutsideAndAnIncludedBoundIsInside() {
    Bounds halfOpen = TestPipelines.UNIT_OPEN_TOP;
    assertTrue(halfOpen.contains(0));
    assertFalse(halfOpen.contains(1));
    assertFalse(halfOpen.contains(-0.001));
    assertFalse(halfOpen.contains(Double.NaN));
    assertFalse(TestPipelines.POSITIVE.contains(0));
    assertTrue(TestPipelines.POSITIVE.contains(1e-12));
  }

  @Test
  void oneSidedBoundsAreDescribedAsComparisons() {
    assertEquals(">= 1", TestPipelines.AT_LEAST_ONE.describe());
    assertEquals("> 0", TestPipelines.POSITIVE.describe());
    assertEquals("< 0.5", new Bounds(Double.NEGATIVE_INFINITY, 0.5, true, false).describe());
    assertEquals("in (0, 1]", new Bounds(0, 1, false, true).describe());
  }

  @Test
  void zeroEpochsIsReportedOnTheEpochsValueOfPipeline() {
    List<Problem> problems = Rules.check(pipeline().epochs(0).build());

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@Pipeline(epochs = 0): epochs must be >= 1",
                "@Pipeline",
                "epochs")),
        problems);
  }

  @Test
  void aDefaultOutsideItsRangeIsReportedToo() {
    // A custom speedup whose author got the default wrong: the bad value is still a bad value.
    SpeedupUse use = speedup("Odd").use(byDefault("rate", 2.0, TestPipelines.UNIT));

    List<Problem> problems = Rules.check(pipeline().with(use).build());

    assertEquals(1, problems.size());
    assertEquals("@Odd(rate = 2): rate must be in [0, 1]", problems.get(0).message());
  }

  @Test
  void membersWithoutRangeOrWithNonNumbersAreNotChecked() {
    AnnotationUse use =
        annotation("Sgd", "@Sgd", written("nesterov", true, null), written("lr", -1.0, null));

    assertTrue(RangeRule.check(use).isEmpty());
  }

  @Test
  void valuesInRangeOnEveryAnnotationGiveNoProblem() {
    PipelineModel model =
        pipeline()
            .with(speedup("LabelSmoothing").use(written("value", 0.1, TestPipelines.UNIT_OPEN_TOP)))
            .build();

    assertEquals(List.of(), Rules.check(model));
  }
}
