package dev.hasten.dsl.rules;

import static dev.hasten.dsl.rules.TestPipelines.UNIT;
import static dev.hasten.dsl.rules.TestPipelines.byDefault;
import static dev.hasten.dsl.rules.TestPipelines.pipeline;
import static dev.hasten.dsl.rules.TestPipelines.speedup;
import static dev.hasten.dsl.rules.TestPipelines.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValueRuleTest {

  private static TestPipelines.Declaration resizing() {
    return speedup("ProgressiveResizing").sumAtMost(1, "delayFraction", "finetuneFraction");
  }

  @Test
  void delayPlusFinetuneAboveOneIsReportedOnTheLastWrittenMember() {
    SpeedupUse use =
        resizing().use(written("delayFraction", 0.6, UNIT), written("finetuneFraction", 0.5, UNIT));

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@ProgressiveResizing(delayFraction = 0.6, finetuneFraction = 0.5):"
                    + " delayFraction + finetuneFraction must be at most 1, but is 1.1",
                "@ProgressiveResizing",
                "finetuneFraction")),
        Rules.check(pipeline().with(use).build()));
  }

  @Test
  void whenOnlyTheFirstMemberIsWrittenTheSumIsReportedOnIt() {
    // delayFraction = 0.9 with the default finetuneFraction 0.2: the author wrote only the first.
    SpeedupUse use =
        resizing()
            .use(written("delayFraction", 0.9, UNIT), byDefault("finetuneFraction", 0.2, UNIT));

    List<Problem> problems = Rules.check(pipeline().with(use).build());

    assertEquals(1, problems.size());
    assertEquals("delayFraction", problems.get(0).member());
  }

  @Test
  void aSumOfDefaultsOnlyIsReportedOnTheAnnotation() {
    SpeedupUse use =
        resizing()
            .use(byDefault("delayFraction", 0.9, UNIT), byDefault("finetuneFraction", 0.2, UNIT));

    assertEquals(null, Rules.check(pipeline().with(use).build()).get(0).member());
  }

  @Test
  void aSumExactlyAtTheLimitPassesEvenWhereBinaryDoublesWouldNot() {
    // In binary 0.7 + 0.3 is 0.9999999999999999 and 0.1 + 0.2 + 0.7 is 1.0000000000000002;
    // the check adds the decimals as written, so both are exactly 1 and pass.
    SpeedupUse use =
        speedup("Three")
            .sumAtMost(1, "a", "b", "c")
            .use(written("a", 0.1, UNIT), written("b", 0.2, UNIT), written("c", 0.7, UNIT));

    assertEquals(List.of(), Rules.check(pipeline().with(use).build()));
  }

  @Test
  void swaStartAfterEndIsReportedOnEnd() {
    SpeedupUse swa =
        speedup("Swa")
            .lessThan("start", "end")
            .use(written("start", 0.9, UNIT), written("end", 0.5, UNIT));

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@Swa(start = 0.9, end = 0.5): start must be less than end",
                "@Swa",
                "end")),
        Rules.check(pipeline().with(swa).build()));
  }

  @Test
  void equalStartAndEndIsNotLessThan() {
    SpeedupUse swa =
        speedup("Swa")
            .lessThan("start", "end")
            .use(written("start", 0.7, UNIT), byDefault("end", 0.7, UNIT));

    List<Problem> problems = Rules.check(pipeline().with(swa).build());

    assertEquals(1, problems.size());
    assertEquals(
        "start", problems.get(0).member(), "only start was written, so it is the place to fix");
  }

  @Test
  void ghostBatchSizeMustDivideTheBatchSize() {
    TestPipelines.Declaration ghost = speedup("GhostBatchNorm").dividesBatchSize("ghostBatchSize");

    assertEquals(
        List.of(
            new Problem(
                Severity.ERROR,
                "@GhostBatchNorm(ghostBatchSize = 512): ghostBatchSize must divide the pipeline's"
                    + " batchSize, 256",
                "@GhostBatchNorm",
                "ghostBatchSize")),
        Rules.check(
            pipeline()
                .batchSize(256)
                .with(ghost.use(written("ghostBatchSize", 512, null)))
                .build()));
    assertEquals(
        1,
        Rules.check(
                pipeline()
                    .batchSize(256)
                    .with(ghost.use(written("ghostBatchSize", 48, null)))
                    .build())
            .size());
    assertEquals(
        List.of(),
        Rules.check(
            pipeline()
                .batchSize(256)
                .with(ghost.use(written("ghostBatchSize", 32, null)))
                .build()));
  }
}
